import { skbOffsets } from "./context-builder";
import type { Frame } from "./machine-state";
import { jhash2 } from "./maps/jhash";
import { packetOf } from "./packet-helpers";
import { isPointer, type Value } from "./values";

/**
 * `bpf_get_socket_cookie(skb)`: the cookie of the packet's socket, 0 without one. A test run
 * gives every packet a fresh dummy socket, and the kernel numbers sockets from one counter for
 * the whole system, so its values cannot be foretold; Tailscope numbers each packet's socket
 * by the packet (4097, 4098 …): never 0, the same for every call in one packet, new per packet.
 */
export function socketCookie(frame: Frame): bigint {
  return BigInt(4097 + frame.run.index);
}

/**
 * `bpf_sk_fullsock(sk)`: the socket as a full one, or NULL for a request or time-wait socket.
 * A test run's dummy socket is a full one (closed), so the pointer comes back as it went in.
 */
export function fullSocket(sk: Value): Value {
  return isPointer(sk) ? sk : null;
}

/**
 * `bpf_get_hash_recalc(skb)`: the flow hash, computed again and kept in skb->hash. The kernel
 * hashes the dissected flow (addresses, ports, protocol; both directions alike) with a seed
 * drawn at boot, so its values differ from machine to machine; Tailscope hashes the same keys
 * with a zero seed: one flow, one hash, never 0, as in the kernel.
 */
export function hashRecalc(frame: Frame): number {
  const run = frame.run;
  const packet = packetOf(frame);
  let hash = 0;
  if (packet) hash = flowHash(packet.bytes.subarray(packet.start, packet.start + packet.size), run);
  run.context.view.setUint32(run.context.start + skbOffsets.hash, hash, true);
  return hash;
}

/** The flow keys of an IPv4 packet from skb->data (an Ethernet frame in tc, an IP packet in cgroup_skb). */
function flowHash(data: Uint8Array, run: Frame["run"]): number {
  const protocol = run.context.view.getUint32(run.context.start + skbOffsets.protocol, true);
  const etherType = ((protocol & 0xff) << 8) | ((protocol >> 8) & 0xff);
  const withEthernet = data.length >= 14 && ((data[12] << 8) | data[13]) === etherType;
  const ip = withEthernet ? 14 : 0;
  if (etherType !== 0x0800 || data.length < ip + 20 || data[ip] >> 4 !== 4) return 1;
  const word = (at: number) =>
    ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
  const proto = data[ip + 9];
  const l4 = ip + (data[ip] & 0xf) * 4;
  const hasPorts = (proto === 6 || proto === 17) && data.length >= l4 + 4;
  let [source, destination] = [word(ip + 12), word(ip + 16)];
  let [sport, dport] = hasPorts
    ? [(data[l4] << 8) | data[l4 + 1], (data[l4 + 2] << 8) | data[l4 + 3]]
    : [0, 0];
  // Both directions of a flow hash alike (__flow_hash_consistentify).
  if (destination < source || (destination === source && dport < sport)) {
    [source, destination] = [destination, source];
    [sport, dport] = [dport, sport];
  }
  const keys = new Uint8Array(16);
  const view = new DataView(keys.buffer);
  view.setUint32(0, source, true);
  view.setUint32(4, destination, true);
  view.setUint32(8, ((sport << 16) | dport) >>> 0, true);
  view.setUint32(12, proto, true);
  return jhash2(keys, 0) || 1;
}
