// bpf_spin_lock under the interleaved schedule: a CPU that finds the lock taken spins (its
// statement runs again at its next turn), so a read-then-write inside the lock never loses an
// update, where the same code without the lock does (interleave.test.ts).
import { describe, expect, it } from "vitest";
import { type RunReport, simulate } from "../../src/engine";
import type { Schedule } from "../../src/engine/runtime/run";

const source = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";

struct counted {
	__u64 packets;
	struct bpf_spin_lock lock;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counted);
} shared SEC(".maps");

SEC("tc")
int count(struct __sk_buff *skb)
{
	__u32 zero = 0;
	struct counted *total = bpf_map_lookup_elem(&shared, &zero);
	if (!total)
		return 0;
	bpf_spin_lock(&total->lock);
	__u64 seen = total->packets;
	seen = seen + 1;
	total->packets = seen;
	bpf_spin_unlock(&total->lock);
	return 0;
}
`;

function run(schedule: Schedule, cpus = 4, count = 200): RunReport {
  const result = simulate({
    files: { "prog.bpf.c": source },
    main: "prog.bpf.c",
    cpus,
    packets: { count, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    schedule,
  });
  if (!result.ok) throw new Error(result.error.diagnostics.map((d) => d.message).join("\n"));
  return result.report;
}

/** The counter and the lock word after the run, from the value's bytes. */
function counter(report: RunReport): { packets: number; lock: number } {
  const hex = (report.maps.shared.entries[0] as { value: string }).value;
  const bytes = Buffer.from(hex, "hex");
  return { packets: Number(bytes.readBigUInt64LE(0)), lock: bytes.readUInt32LE(8) };
}

describe("bpf_spin_lock", () => {
  it("loses no update in any interleaving, and leaves the lock free", () => {
    for (const seed of [1, 2, 3, 7])
      expect(counter(run({ mode: "interleaved", seed }))).toEqual({ packets: 200, lock: 0 });
  });

  it("makes a CPU that finds the lock taken spin: more statements than the sequential run", () => {
    const steps = (r: RunReport) => r.packets.reduce((sum, p) => sum + p.steps, 0);
    const sequential = run({ mode: "sequential" });
    const interleaved = run({ mode: "interleaved", seed: 7 });
    expect(counter(sequential).packets).toBe(200);
    expect(steps(interleaved)).toBeGreaterThan(steps(sequential));
  });
});
