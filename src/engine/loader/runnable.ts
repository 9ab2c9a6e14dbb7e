import type { ProgramType } from "./sections";

/**
 * Types Tailscope runs packets through; the others are compiled, loaded and verified only. Its
 * own module, so that the app's main thread, which asks only this, leaves the section tables
 * (and the rules measured for each kind) to the engine worker.
 */
export const RUNNABLE_TYPES: ReadonlySet<ProgramType> = new Set([
  "cgroup_skb",
  "sched_cls",
  "xdp",
  "socket_filter",
]);

/** Whether packets can run through a program of this type (else it is checked, not run). */
export function runnable(type: ProgramType): boolean {
  return RUNNABLE_TYPES.has(type);
}
