import { type BuildSummary, compile, type SimulationResult, simulate, summarize } from "../engine";

export interface RunRequest {
  readonly files: Record<string, string>;
  readonly main: string;
  readonly cpus: number;
  readonly packets: number;
}

/** What the engine worker offers the app; comlink turns each method into an async call. */
export const engineApi = {
  build(files: Record<string, string>, main: string): BuildSummary {
    return summarize(compile({ files, main }));
  },
  /** Runs generated IPv4/UDP packets, round-robin over the CPUs, each to completion. */
  run(request: RunRequest): SimulationResult {
    return simulate({
      files: request.files,
      main: request.main,
      cpus: request.cpus,
      packets: { count: request.packets, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    });
  },
};

export type EngineApi = typeof engineApi;
