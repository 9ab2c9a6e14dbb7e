import { type Remote, wrap } from "comlink";
import type { EngineApi } from "./engine-api";

let engine: Remote<EngineApi> | null = null;
let worker: Worker | null = null;

/** The app's handle on the engine worker, started on first use. */
export function engineWorker(): Remote<EngineApi> {
  if (!engine) {
    worker = new Worker(new URL("./engine.worker.ts", import.meta.url), {
      type: "module",
      name: "tailscope-engine",
    });
    engine = wrap<EngineApi>(worker);
  }
  return engine;
}

/**
 * Stops whatever the engine is doing (a long run the user cancelled) by ending its worker; the
 * next call starts a fresh one. The traced run it kept is gone with it.
 */
export function restartEngine(): void {
  worker?.terminate();
  worker = null;
  engine = null;
}
