import { proxy, type Remote, wrap } from "comlink";
import type { EngineClient } from "../state/engine-client";
import type { EngineApi } from "./engine-api";

/**
 * The engine in its Web Worker, started on first use. `restart` ends the worker (a run in
 * progress cannot be interrupted from outside, and the UI must not wait for it); the next call
 * starts a fresh one, without the session the old one kept.
 */
export function workerEngine(): EngineClient {
  let worker: Worker | null = null;
  let remote: Remote<EngineApi> | null = null;
  const engine = (): Remote<EngineApi> => {
    if (!remote) {
      worker = new Worker(new URL("./engine.worker.ts", import.meta.url), {
        type: "module",
        name: "tailscope-engine",
      });
      remote = wrap<EngineApi>(worker);
    }
    return remote;
  };
  return {
    build: (sources, onStage) => engine().build(sources, onStage && proxy(onStage)),
    // comlink carries the progress calls back to this thread as they happen.
    run: (request, onProgress) => engine().run(request, onProgress && proxy(onProgress)),
    seek: (step) => engine().seek(step),
    move: (current, move) => engine().move(current, move),
    locate: (packet, hop) => engine().locate(packet, hop),
    traceLog: (from, count, cpu, program, step) => engine().traceLog(from, count, cpu, program, step),
    events: (from, count, filter, step) => engine().events(from, count, filter, step),
    checkCondition: (file, line, condition) => engine().checkCondition(file, line, condition),
    debug: (query) => engine().debug(query) as never,
    restart: () => {
      worker?.terminate();
      worker = null;
      remote = null;
    },
  };
}
