// A memset of a few fixed bytes is stored in place by generated source (codegen/calls.ts) when
// the destination is an untracked region nothing watches, and goes to the helper otherwise:
// both must leave the same bytes, and a recording (the dispatch loop) must agree.
import { describe, expect, it } from "vitest";
import { type RunRequest, Session } from "../../src/engine";

const source = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct pair { __u32 a; __u32 b; __u8 c[8]; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct pair);
} pairs SEC(".maps");
/* Large enough to be a tracked region (its written pages are kept): the helper's path. */
__u8 big[1 << 20];
SEC("cgroup_skb/egress")
int fill(struct __sk_buff *skb)
{
	struct pair local = { 1, 2, { 3 } };
	__u32 zero = 0;
	__builtin_memset(&local, 0xab, 12);
	struct pair *value = bpf_map_lookup_elem(&pairs, &zero);
	if (!value)
		return 0;
	__builtin_memset(value->c, 0x5a, 8);
	__builtin_memset(&big[100], 0x7f, 3);
	bpf_printk("%x %x %x", local.a, local.b, local.c[0]);
	bpf_printk("%x %x %x", local.c[4], value->c[7], big[102]);
	return local.c[7] == 0 ? 1 : 0;
}
`;

const request: RunRequest = {
  files: { "fill.bpf.c": source },
  main: "fill.bpf.c",
  cpus: 1,
  packets: { count: 2, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
};

describe("a memset of a few fixed bytes", () => {
  it("leaves the bytes the helper does, stored in place or not", () => {
    const unobserved = Session.start(request, { record: false });
    const recorded = Session.start(request, { record: true });
    if (!unobserved.ok || !recorded.ok) throw new Error("the program does not run");
    const [packet] = unobserved.session.report.packets;
    // 12 bytes from the struct's start: a, b and c[0..3]; c[4..7] stay zero.
    expect(packet.printk).toEqual(["abababab abababab ab", "0 5a 7f"]);
    expect(packet.retval).toBe(1);
    expect(unobserved.session.report.maps.pairs).toEqual(recorded.session.report.maps.pairs);
    expect(recorded.session.report).toEqual(unobserved.session.report);
  });
});
