import {
  diffRuns,
  type LockstepPoint,
  type Logpoint,
  lockstep,
  type RunDiff,
  type Session,
  type ValueSource,
  type ValueTarget,
  type WatchResult,
  type WhyResult,
  type WhyTarget,
} from "../engine";

/** The debugging questions the app asks of the recorded run (and of a pinned earlier one). */
export type DebugQuery =
  | { readonly kind: "why"; readonly target: WhyTarget | ValueTarget; readonly step: number }
  | { readonly kind: "store-sources"; readonly statementStep: number }
  | { readonly kind: "logpoints"; readonly logpoints: readonly Logpoint[] }
  | { readonly kind: "watch"; readonly text: string; readonly site: { file: string; line: number } | null }
  | { readonly kind: "pin"; readonly label: string }
  | { readonly kind: "unpin" }
  | { readonly kind: "compare" }
  | { readonly kind: "lockstep"; readonly packet: number; readonly index: number };

/** Each query's answer. */
export interface DebugAnswers {
  why: WhyResult;
  "store-sources": readonly ValueSource[];
  logpoints: { readonly errors: readonly (string | null)[]; readonly hits: number };
  watch: WatchResult;
  pin: { readonly label: string; readonly packets: number };
  unpin: null;
  compare: RunDiff | null;
  lockstep: LockstepPoint | null;
}

export type DebugAnswer<Q extends DebugQuery> = DebugAnswers[Q["kind"]];

/** The sessions a query reads: the current run's, and the run pinned for comparison. */
export interface DebugSessions {
  session: Session | null;
  pinned: { readonly session: Session; readonly label: string } | null;
}

/** Answers one query; with no recorded run, the answer says there is nothing to ask. */
export function answerDebug<Q extends DebugQuery>(sessions: DebugSessions, query: Q): DebugAnswer<Q> {
  return answer(sessions, query) as DebugAnswer<Q>;
}

function answer(sessions: DebugSessions, query: DebugQuery): DebugAnswers[keyof DebugAnswers] {
  const { session, pinned } = sessions;
  switch (query.kind) {
    case "why":
      return session ? session.why(query.target, query.step) : { ok: false, error: "run the scenario first" };
    case "store-sources":
      return session?.sourcesOfStore(query.statementStep) ?? [];
    case "logpoints": {
      if (!session) return { errors: query.logpoints.map(() => null), hits: 0 };
      const result = session.showLogpoints(query.logpoints);
      return { errors: result.errors, hits: result.hits.length };
    }
    case "watch":
      return session ? session.watch(query.text, query.site) : { ok: false, error: "run the scenario first" };
    case "pin":
      if (!session) throw new Error("there is no run to pin");
      sessions.pinned = { session, label: query.label };
      return { label: query.label, packets: session.report.packets.length };
    case "unpin":
      sessions.pinned = null;
      return null;
    case "compare":
      return session && pinned ? diffRuns(pinned.session.travel, session.travel) : null;
    case "lockstep":
      return session && pinned
        ? lockstep(pinned.session.travel, session.travel, query.packet, query.index)
        : null;
  }
}
