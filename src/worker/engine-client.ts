import { type Remote, wrap } from "comlink";
import type { EngineApi } from "./engine-api";

let engine: Remote<EngineApi> | null = null;

/** The app's handle on the engine worker, started on first use. */
export function engineWorker(): Remote<EngineApi> {
  if (!engine) {
    const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), {
      type: "module",
      name: "tailscope-engine",
    });
    engine = wrap<EngineApi>(worker);
  }
  return engine;
}
