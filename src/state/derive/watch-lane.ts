import type { WatchLane } from "../../engine";
import { stepX } from "./timeline";

/** The watched value after `step` statements: the last change at or before it, else the initial value. */
export function valueAt(lane: WatchLane, step: number): string | null {
  const i = lastChangeAtOrBefore(lane, step);
  return i < 0 ? lane.initial : lane.changes[i].value;
}

/** The step of the next change after `step`, or null. */
export function nextChange(lane: WatchLane, step: number): number | null {
  const i = lastChangeAtOrBefore(lane, step) + 1;
  return i < lane.changes.length ? lane.changes[i].step : null;
}

/** The step of the last change before `step`, or null. */
export function previousChange(lane: WatchLane, step: number): number | null {
  const i = lastChangeAtOrBefore(lane, step - 1);
  return i >= 0 ? lane.changes[i].step : null;
}

/** The change nearest `step` (a click on the lane seeks there), or null when there is none. */
export function nearestChange(lane: WatchLane, step: number): number | null {
  const before = lastChangeAtOrBefore(lane, step);
  const candidates = [lane.changes[before]?.step, lane.changes[before + 1]?.step].filter(
    (s): s is number => s !== undefined,
  );
  if (candidates.length === 0) return null;
  return candidates.reduce((best, s) => (Math.abs(s - step) < Math.abs(best - step) ? s : best));
}

/**
 * Where the lane marks its changes, one mark per pixel column at most (a long run changes a
 * value thousands of times): the x of each, and the value the last change there left.
 */
export function laneMarks(
  lane: WatchLane,
  width: number,
  totalSteps: number,
): { x: number; value: string }[] {
  const marks: { x: number; value: string }[] = [];
  for (const change of lane.changes) {
    const x = Math.round(stepX(change.step, width, totalSteps));
    const last = marks[marks.length - 1];
    if (last && last.x === x) last.value = change.value;
    else marks.push({ x, value: change.value });
  }
  return marks;
}

/** Index of the last change at or before `step` (binary search), -1 when none. */
function lastChangeAtOrBefore(lane: WatchLane, step: number): number {
  let low = 0;
  let high = lane.changes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lane.changes[middle].step <= step) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
