import type { StateCreator } from "zustand";
import type {
  LockstepPoint,
  RunDiff,
  ValueSource,
  ValueTarget,
  WatchResult,
  WhyResult,
  WhyTarget,
} from "../../engine";
import type { ScenarioSettings } from "../../lessons";
import type { EngineClient } from "../engine-client";
import type { TailscopeState } from "../store";
import { EngineHung } from "../watchdog";

/** Logpoints as the scenario file holds them (contract.md §1). */
export type ScenarioLogpoints = NonNullable<ScenarioSettings["logpoints"]>;

/** A watch as the user added it, and its lane over the current run (null until computed). */
export interface Watch {
  readonly text: string;
  /** For a C expression: the line it is evaluated at (a map cell needs none). */
  readonly site: { readonly file: string; readonly line: number } | null;
  readonly result: WatchResult | null;
}

/** The open "where did this come from?" question, asked at a step, and its answer. */
export interface WhyQuestion {
  readonly target: WhyTarget | ValueTarget;
  /** What was clicked, as a person reads it (`tail_context_map[0].value_from_1 on CPU 1`). */
  readonly label: string;
  readonly step: number;
  /** Null while the engine answers. */
  readonly result: WhyResult | null;
}

/** A run pinned for comparison, and where the current run parts from it. */
export interface Comparison {
  readonly label: string;
  /** Null until compared (or when there is no current run). */
  readonly diff: RunDiff | null;
  /** Both runs at one statement of the packet where they part, stepped in lockstep. */
  readonly point: LockstepPoint | null;
}

/**
 * Debugging on the recording: where a value came from, logpoints added after the run, watches
 * over the whole run, and a pinned run to compare the current one with.
 */
export interface DebuggingSlice {
  /** The scenario's logpoints (saved with it; adding one never re-runs anything). */
  logpoints: ScenarioLogpoints;
  /** Per logpoint: why it cannot be evaluated, or null. */
  logpointErrors: readonly (string | null)[];
  /** Bumped when the trace log's lines change (logpoints shown or removed): its windows refetch. */
  traceLogSerial: number;
  setLogpoints: (logpoints: ScenarioLogpoints) => Promise<void>;
  watches: readonly Watch[];
  addWatch: (text: string, site: Watch["site"]) => Promise<void>;
  removeWatch: (position: number) => void;
  why: WhyQuestion | null;
  /** Asks where the target's bytes came from, as they stand at the cursor. */
  askWhy: (target: WhyTarget | ValueTarget, label: string) => Promise<void>;
  closeWhy: () => void;
  /** What the store made at a statement computed its value from (an answer followed one further). */
  sourcesOfStore: (statementStep: number) => Promise<readonly ValueSource[]>;
  comparison: Comparison | null;
  /** Keeps the current run to compare later runs with (the code before an edit, another schedule). */
  pinRun: (label: string) => Promise<void>;
  unpinRun: () => Promise<void>;
  /** Finds where the current run parts from the pinned one, and shows both there. */
  compareRuns: () => Promise<void>;
  /** Both runs at another statement of the packet where they part (lockstep). */
  lockstepTo: (index: number) => Promise<void>;
  /** Asks the engine again for what depends on the run (after each new run). */
  refreshDebugging: () => Promise<void>;
}

export function createDebuggingSlice(
  engine: EngineClient,
): StateCreator<TailscopeState, [], [], DebuggingSlice> {
  return (set, get) => {
    /** A hang the watchdog ended answers nothing; the session slice forgets the run. */
    const quiet =
      <T>(fallback: T) =>
      (error: unknown): T => {
        if (error instanceof EngineHung) return fallback;
        throw error;
      };

    const computeWatch = async (watch: Watch): Promise<Watch> => {
      if (!get().session) return { ...watch, result: null };
      const result = await engine
        .debug({ kind: "watch", text: watch.text, site: watch.site })
        .catch(quiet<WatchResult | null>(null));
      return { ...watch, result };
    };

    const showLogpoints = async () => {
      const logpoints = get().logpoints;
      if (!get().session) {
        set({ logpointErrors: logpoints.map(() => null) });
        return;
      }
      const shown = await engine.debug({ kind: "logpoints", logpoints: [...logpoints] }).catch(quiet(null));
      if (get().logpoints !== logpoints) return;
      set((state) => ({
        logpointErrors: shown?.errors ?? logpoints.map(() => null),
        traceLogSerial: state.traceLogSerial + 1,
      }));
    };

    return {
      logpoints: [],
      logpointErrors: [],
      traceLogSerial: 0,
      setLogpoints: async (logpoints) => {
        set({ logpoints, logpointErrors: logpoints.map(() => null) });
        await showLogpoints();
      },

      watches: [],
      addWatch: async (text, site) => {
        const watch = await computeWatch({ text: text.trim(), site, result: null });
        set((state) => ({ watches: [...state.watches, watch] }));
      },
      removeWatch: (position) =>
        set((state) => ({ watches: state.watches.filter((_, i) => i !== position) })),

      why: null,
      askWhy: async (target, label) => {
        const step = get().cursor?.step ?? 0;
        const question: WhyQuestion = { target, label, step, result: null };
        set({ why: question });
        const result = await engine
          .debug({ kind: "why", target, step })
          .catch(quiet<WhyResult>({ ok: false, error: "the engine restarted: run again" }));
        if (get().why === question) set({ why: { ...question, result } });
      },
      closeWhy: () => set({ why: null }),
      sourcesOfStore: (statementStep) =>
        engine.debug({ kind: "store-sources", statementStep }).catch(quiet<readonly ValueSource[]>([])),

      comparison: null,
      pinRun: async (label) => {
        if (!get().session) return;
        await engine.debug({ kind: "pin", label });
        set({ comparison: { label, diff: null, point: null } });
      },
      unpinRun: async () => {
        await engine.debug({ kind: "unpin" }).catch(quiet(null));
        set({ comparison: null });
      },
      compareRuns: async () => {
        const comparison = get().comparison;
        if (!comparison || !get().session) return;
        const diff = await engine.debug({ kind: "compare" }).catch(quiet<RunDiff | null>(null));
        const point =
          diff && !diff.same && diff.statement
            ? await engine
                .debug({ kind: "lockstep", packet: diff.packet, index: diff.statement.index })
                .catch(quiet<LockstepPoint | null>(null))
            : null;
        set({ comparison: { ...comparison, diff, point } });
      },
      lockstepTo: async (index) => {
        const comparison = get().comparison;
        const diff = comparison?.diff;
        if (!comparison || !diff || diff.same) return;
        const length = comparison.point?.length ?? 0;
        if (index < 0 || (length > 0 && index >= length)) return;
        const point = await engine
          .debug({ kind: "lockstep", packet: diff.packet, index })
          .catch(quiet<LockstepPoint | null>(null));
        if (point) set({ comparison: { ...comparison, point } });
      },

      refreshDebugging: async () => {
        set((state) => ({
          why: null,
          comparison: state.comparison && { ...state.comparison, diff: null, point: null },
        }));
        await showLogpoints();
        const watches = await Promise.all(get().watches.map(computeWatch));
        set({ watches });
      },
    };
  };
}
