import type { CursorState, Move, Schedule } from "../../engine";

/**
 * A move as the CPU focus shapes it: with one CPU in focus, steps follow that CPU's statements;
 * in an interleaved run, step over and out follow the CPU being watched (the focused one, or the
 * one that ran the last statement), letting the other CPUs' statements pass by.
 */
export function followedMove(
  move: Move,
  state: {
    readonly focusCpu: number | null;
    readonly schedule: Schedule;
    readonly cursor: CursorState | null;
  },
): Move {
  const { focusCpu, schedule, cursor } = state;
  const watched = focusCpu ?? (schedule.mode === "interleaved" ? cursor?.state.running?.cpu : undefined);
  if (move.kind === "step" && focusCpu !== null) return { ...move, cpu: focusCpu };
  if ((move.kind === "over" || move.kind === "out") && watched !== undefined)
    return { ...move, cpu: watched };
  return move;
}
