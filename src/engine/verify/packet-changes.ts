import { anyScalar } from "./abstract-values";
import type { Environment } from "./environment";

/**
 * Helpers that may move or resize the packet (net/core/filter.c bpf_helper_changes_pkt_data):
 * after a call to one, every packet pointer the program holds is forgotten, and its bounds
 * checks must be made again from skb->data. A tail call that returns is not among them on
 * Linux 6.18 (conformance case verify-packet-pointer-after-tail-call-ok).
 */
const changesPacket = new Set([
  9, 10, 11, 13, 18, 19, 31, 38, 39, 43, 44, 50, 54, 63, 65, 73, 74, 75, 76, 90, 91, 143,
]);

export function helperChangesPacket(id: number): boolean {
  return changesPacket.has(id);
}

/** Every packet pointer in `env` becomes an unknown scalar, as clear_all_pkt_pointers leaves it. */
export function forgetPacketPointers(env: Environment, helper: string): void {
  for (const [symbol, value] of env.locals)
    if (value.kind === "packet" || value.kind === "packet_end")
      env.set(symbol, { ...anyScalar, invalidatedBy: helper });
  env.forgetPacketRanges();
}
