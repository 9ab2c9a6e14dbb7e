import { type BuildSummary, compile, summarize } from "../engine";

/** What the engine worker offers the app; comlink turns each method into an async call. */
export const engineApi = {
  build(files: Record<string, string>, main: string): BuildSummary {
    return summarize(compile({ files, main }));
  },
};

export type EngineApi = typeof engineApi;
