import type { StateView } from "../../engine";

/** A tail call to animate: the followed packet's jump from one program to the next, on its CPU. */
export interface Hop {
  readonly from: string;
  readonly to: string;
  readonly cpu: number;
  /** Tells one hop from another (the packet and how many tail calls it had made). */
  readonly key: string;
}

/**
 * The hop the last move made: the followed packet's last tail call jumped, and the packet had
 * not made it before the move. A backward move animates no hop.
 */
export function hopOnMove(view: StateView | null, previous: StateView | null): Hop | null {
  // Going back reverses hops; it does not make them, so nothing moves.
  if (view && previous && view.step < previous.step) return null;
  const running = view?.running;
  const last = running?.tailCalls.at(-1);
  if (!running || !last || last.outcome !== "jumped" || !last.to) return null;
  const before = previous?.cpus.find((p) => p.packet === running.packet);
  if ((before?.tailCalls.length ?? 0) >= running.tailCalls.length) return null;
  return {
    from: last.from,
    to: last.to,
    cpu: running.cpu,
    key: `${running.packet}:${running.tailCalls.length}`,
  };
}
