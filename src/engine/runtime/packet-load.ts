import type { Span } from "../source/source-file";
import type { Frame } from "./machine-state";
import { packetOf } from "./packet-helpers";
import { UNWIND_FOR_PACKET_LOAD_EXIT } from "./values";

/**
 * An LD_ABS/LD_IND load (`load_byte`, `load_half`, `load_word`): `width` bytes at `offset` from
 * skb->data, most significant first, as bpf_skb_load_helper_8/16/32 return them. The offset is
 * the instruction's 32-bit signed sum; one that reaches past the packet (or below its start)
 * ends the function with 0. The negative SKF_NET_OFF/SKF_LL_OFF bases are not modelled: they
 * end it too.
 */
export function loadPacketBigEndian(frame: Frame, width: 1 | 2 | 4, offset: bigint, _span: Span): number {
  const at = Number(BigInt.asIntN(32, offset));
  const packet = packetOf(frame);
  if (!packet || at < 0 || at + width > packet.size) throw UNWIND_FOR_PACKET_LOAD_EXIT;
  frame.run.machine.observer?.packetRead?.(frame.run, at, width);
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + packet.bytes[packet.start + at + i];
  return value;
}
