import type { Stage } from "../engine";
import type { EngineClient } from "./engine-client";

/**
 * How long the engine may take before the watchdog ends it: a build (every stage of which is
 * bounded, and takes well under a second for real programs), a cursor move, or a stretch of a
 * run without a progress report (which comes every 2,048 packets).
 */
export const WATCHDOG_MS = { build: 10_000, move: 10_000, run: 20_000 } as const;

/** What the watchdog reports when it ends the engine: what it was doing, and where. */
export interface Hang {
  readonly task: "build" | "move" | "run";
  /** For a build: the file and the stage it was in. */
  readonly file?: string;
  readonly stage?: Stage;
  readonly afterMs: number;
}

/** Rejects a call the watchdog ended; the caller says so instead of waiting for ever. */
export class EngineHung extends Error {
  constructor(readonly hang: Hang) {
    super(describeHang(hang));
  }
}

const stageNames: Record<Stage, string> = {
  preprocess: "the preprocessor",
  parse: "the parser",
  type: "the type checker",
  load: "the loader",
  verify: "the verifier",
  run: "the run",
};

/** The hang in words, for the notice and the problems list. */
export function describeHang(hang: Hang): string {
  const seconds =
    hang.afterMs >= 1000 ? String(Math.round(hang.afterMs / 1000)) : (hang.afterMs / 1000).toFixed(1);
  if (hang.task === "build")
    return `Building ${hang.file ?? "the sources"} took more than ${seconds} s${hang.stage ? ` (in ${stageNames[hang.stage]})` : ""}: Tailscope stopped it and restarted its engine. Your edits are kept; change the source and it builds again.`;
  if (hang.task === "run")
    return `The run stopped answering for ${seconds} s: Tailscope stopped it and restarted its engine. Lower the packet count, or look for a loop that runs very long.`;
  return `Moving the cursor took more than ${seconds} s: Tailscope restarted its engine. Run the scenario again to step through it.`;
}

/**
 * The engine behind a watchdog: a call that does not answer in time ends the engine (the worker
 * is terminated; the next call starts a fresh one), rejects with EngineHung, and is reported to
 * `onHang`. Typing never waits for the engine, so the app stays usable throughout.
 */
export function guarded(
  engine: EngineClient,
  onHang: (hang: Hang) => void,
  /** Read at each call, so a setting changed while the app runs applies to the next one. */
  limitsNow: () => { readonly build: number; readonly move: number; readonly run: number } = () =>
    WATCHDOG_MS,
): EngineClient {
  /** Races `work` against a timer that `restartTimer` (progress) puts off. */
  const watched = <T>(
    start: (restartTimer: () => void) => Promise<T>,
    limit: number,
    hang: () => Omit<Hang, "afterMs">,
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout>;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const ended = { ...hang(), afterMs: limit };
          engine.restart();
          onHang(ended);
          reject(new EngineHung(ended));
        }, limit);
      };
      arm();
      start(arm).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  return {
    build: (sources, onStage) => {
      let stage: Stage | undefined;
      return watched(
        () =>
          engine.build(sources, (next) => {
            stage = next;
            onStage?.(next);
          }),
        limitsNow().build,
        () => ({ task: "build", file: sources.main, stage }),
      );
    },
    run: (request, onProgress) =>
      watched(
        (progressed) =>
          engine.run(request, (done, total) => {
            progressed();
            onProgress?.(done, total);
          }),
        limitsNow().run,
        () => ({ task: "run" }),
      ),
    seek: (step) =>
      watched(
        () => engine.seek(step),
        limitsNow().move,
        () => ({ task: "move" }),
      ),
    move: (current, move) =>
      watched(
        () => engine.move(current, move),
        limitsNow().move,
        () => ({ task: "move" }),
      ),
    locate: (packet, hop) =>
      watched(
        () => engine.locate(packet, hop),
        limitsNow().move,
        () => ({ task: "move" }),
      ),
    traceLog: (from, count, cpu, program, step) =>
      watched(
        () => engine.traceLog(from, count, cpu, program, step),
        limitsNow().move,
        () => ({ task: "move" }),
      ),
    events: (from, count, filter, step) =>
      watched(
        () => engine.events(from, count, filter, step),
        limitsNow().move,
        () => ({ task: "move" }),
      ),
    checkCondition: (file, line, condition) =>
      watched(
        () => engine.checkCondition(file, line, condition),
        limitsNow().move,
        () => ({ task: "move" }),
      ),
    debug: (query) =>
      watched(
        () => engine.debug(query),
        // A logpoint or a watch of an expression runs the scenario once more: a run's limit.
        query.kind === "logpoints" || query.kind === "watch" ? limitsNow().run : limitsNow().move,
        () => ({ task: query.kind === "logpoints" || query.kind === "watch" ? "run" : "move" }),
      ),
    restart: () => engine.restart(),
  };
}
