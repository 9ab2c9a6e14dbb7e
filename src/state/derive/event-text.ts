import type { RunEvent } from "../../engine";

/** TC's action codes (include/uapi/linux/pkt_cls.h). */
const tcActions: Readonly<Record<number, string>> = {
  [-1]: "TC_ACT_UNSPEC",
  0: "TC_ACT_OK",
  1: "TC_ACT_RECLASSIFY",
  2: "TC_ACT_SHOT",
  3: "TC_ACT_PIPE",
  4: "TC_ACT_STOLEN",
  5: "TC_ACT_QUEUED",
  6: "TC_ACT_REPEAT",
  7: "TC_ACT_REDIRECT",
  8: "TC_ACT_TRAP",
};
/** XDP's actions (include/uapi/linux/bpf.h `enum xdp_action`). */
const xdpActions = ["XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX", "XDP_REDIRECT"];

/**
 * A program's return value by the name its hook gives it: `SK_DROP`/`SK_PASS` for cgroup_skb
 * (bit 0; bit 1 is the congestion notification on egress), TC and XDP actions by their enum
 * names, a socket filter's byte count.
 */
export function verdictName(type: string | undefined, retval: number): string {
  const signed = retval | 0;
  switch (type) {
    case "cgroup_skb":
      return `${retval & 1 ? "SK_PASS" : "SK_DROP"}${retval & 2 ? " + congestion notified" : ""}`;
    case "sched_cls":
      return tcActions[signed] ?? `TC action ${signed}`;
    case "xdp":
      return xdpActions[retval] ?? `XDP action ${retval} (XDP_ABORTED)`;
    case "socket_filter":
      return retval === 0 ? "drop" : `keep ${retval} bytes`;
    default:
      return String(retval);
  }
}

/** A map key in hex as people read it: a 4-byte key as its little-endian u32. */
function keyLabel(hex: string): string {
  if (hex.length !== 8) return `0x${hex}`;
  let value = 0;
  for (let i = 6; i >= 0; i -= 2) value = value * 256 + Number.parseInt(hex.slice(i, i + 2), 16);
  return String(value);
}

const outcomeWords: Readonly<Record<string, string>> = {
  "empty-slot": "the slot is empty, falls through",
  "out-of-range": "index past max_entries, falls through",
  limit: "the tail-call limit is reached, falls through",
};

/** One event in a plain sentence. `typeOf` gives a program's type, for verdict names. */
export function eventText(event: RunEvent, typeOf: (program: string) => string | undefined): string {
  const copy = (cpu: number | null) => (cpu === null ? "" : ` (CPU ${cpu}'s copy)`);
  switch (event.kind) {
    case "packet":
      return `packet ${event.packet} enters ${event.program ?? "?"} on CPU ${event.cpu}`;
    case "tail-call":
      return event.outcome === "jumped"
        ? `${event.program} tail-calls ${event.map ?? "?"}[${event.slot}] → ${event.to}`
        : `${event.program} tail-calls ${event.map ?? "?"}[${event.slot}]: ${outcomeWords[event.outcome] ?? event.outcome}`;
    case "map-read":
      return event.via === "lookup"
        ? `looks up ${event.map}[${keyLabel(event.key)}]${copy(event.copy)}`
        : `reads ${event.map}[${keyLabel(event.key)}]+${event.offset}${copy(event.copy)}: ${event.bytes}`;
    case "map-write":
      return `writes ${event.map}[${keyLabel(event.key)}]${copy(event.copy)}: ${event.before || "(new)"} → ${event.after}`;
    case "printk":
      return `printk: ${event.message}`;
    case "verdict":
      return event.fault
        ? `packet ${event.packet} stops: ${event.fault}`
        : `packet ${event.packet} returns ${event.retval}: ${verdictName(typeOf(event.program ?? ""), event.retval)}`;
  }
}
