// Which keys a map node shows: an array's keys that hold something, a hash map's entries, each
// labelled by its key type; checked on a real run's report.
import { describe, expect, it } from "vitest";
import { compile, simulate, summarize } from "../../src/engine";
import { deriveGraph, type MapNodeData } from "../../src/state/derive/graph";
import { indexKeyHex, shownKeys } from "../../src/state/derive/map-keys";

const source = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";

struct flow { __u16 sport; __u16 dport; };

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, struct flow);
	__type(value, __u64);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} by_proto SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} unused SEC(".maps");

SEC("cgroup_skb/egress")
int count(struct __sk_buff *skb)
{
	__u32 proto = 17;
	__u64 *n = bpf_map_lookup_elem(&by_proto, &proto);
	if (n)
		*n += 1;
	__u32 other = 200;
	n = bpf_map_lookup_elem(&by_proto, &other);
	if (n)
		*n += 2;
	struct flow f = { .sport = 1000 + skb->len % 3, .dport = 53 };
	__u64 one = 1;
	bpf_map_update_elem(&flows, &f, &one, BPF_ANY);
	__u32 key = 1;
	bpf_map_lookup_elem(&unused, &key);
	return 1;
}
`;

function mapNodes(packets: number) {
  const input = {
    files: { "prog.bpf.c": source },
    main: "prog.bpf.c",
    cpus: 2,
    packets: { count: packets, cpu: "round-robin" as const, seed: 3, template: "ipv4-udp" as const },
  };
  const result = simulate(input);
  if (!result.ok) throw new Error(result.error.diagnostics.map((d) => d.message).join("\n"));
  const { nodes } = deriveGraph(summarize(compile(input)), 2, { report: result.report });
  return Object.fromEntries(
    nodes.filter((n) => n.type === "map").map((n) => [n.data.map.name, n.data as MapNodeData]),
  );
}

describe("the keys a map node shows", () => {
  it("shows an array's keys that hold a value, topped up with the lowest indices", () => {
    const { by_proto } = mapNodes(4);
    expect(by_proto.shown.keys.map((k) => k.label)).toEqual(["0", "1", "17", "200"]);
    expect(by_proto.shown.more).toBe(0);
    expect(by_proto.values[indexKeyHex(17, 4)]).toEqual(["0400000000000000"]);
  });

  it("shows a hash map's entries by their key's fields, and says when it has none", () => {
    const { flows, unused } = mapNodes(4);
    expect(flows.shown.keys.length).toBeGreaterThan(0);
    for (const key of flows.shown.keys) expect(key.label).toMatch(/^\{sport=100[0-2], dport=53\}$/);
    expect(flows.shown.empty).toBe(false);
    expect(unused.shown).toEqual({ keys: [], more: 0, empty: true });
  });

  it("counts what it leaves out, and keeps the key the last move wrote", () => {
    const { flows } = mapNodes(1);
    const map = flows.map;
    const values: Record<string, string[]> = {};
    for (let port = 1; port <= 6; port++) values[`${port.toString(16).padStart(2, "0")}003500`] = ["01"];
    const written = "06003500";
    const shown = shownKeys(map, values, { [written]: [""] });
    expect(shown.keys).toHaveLength(4);
    expect(shown.more).toBe(2);
    expect(shown.keys.map((k) => k.hex)).toContain(written);
    expect(shown.keys.find((k) => k.hex === written)?.label).toBe("{sport=6, dport=53}");
  });
});
