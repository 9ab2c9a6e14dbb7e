import type { StateView } from "../../engine";

/** A tail call to animate: the followed packet's jump from one program to the next, on its CPU. */
export interface Hop {
  readonly from: string;
  readonly to: string;
  readonly cpu: number;
  /** Tells one hop from another (the packet and how many tail calls it had made). */
  readonly key: string;
}

type Running = NonNullable<StateView["running"]>;

/** A packet's hop on the move: its last tail call jumped, and it had not made it before the move. */
function hopOf(running: Running, previous: StateView | null): Hop | null {
  const last = running.tailCalls.at(-1);
  if (!last || last.outcome !== "jumped" || !last.to) return null;
  const before = previous?.cpus.find((p) => p.packet === running.packet);
  if ((before?.tailCalls.length ?? 0) >= running.tailCalls.length) return null;
  return {
    from: last.from,
    to: last.to,
    cpu: running.cpu,
    key: `${running.packet}:${running.tailCalls.length}`,
  };
}

/**
 * The hops the last move made, the followed packet's first: in an interleaved run a move can
 * carry several CPUs' packets through a tail call each, and each gets its token. A backward
 * move animates no hop.
 */
export function hopsOnMove(view: StateView | null, previous: StateView | null): Hop[] {
  // Going back reverses hops; it does not make them, so nothing moves.
  if (!view || (previous && view.step < previous.step)) return [];
  const followed = view.running;
  const packets = followed ? [followed, ...view.cpus.filter((p) => p.packet !== followed.packet)] : view.cpus;
  return packets.map((packet) => hopOf(packet, previous)).filter((hop): hop is Hop => hop !== null);
}
