import { lessonById, type TourStop } from "../../lessons";
import type { TailscopeState } from "../store";

const noStops: readonly TourStop[] = Object.freeze([]);

/** The guided tour of the lesson open now, or none (a lesson without one, or the user's own work). */
export function tourOf(state: Pick<TailscopeState, "lessonId">): readonly TourStop[] {
  return (state.lessonId ? lessonById(state.lessonId)?.tour : undefined) ?? noStops;
}

/** The stop on show, if a tour runs. */
export function currentStop(state: Pick<TailscopeState, "lessonId" | "tourStop">): TourStop | null {
  if (state.tourStop === null) return null;
  return tourOf(state)[state.tourStop] ?? null;
}
