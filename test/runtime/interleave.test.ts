// The interleaved schedule: CPUs run their queues at once, a statement at a time, in an order a
// seeded virtual clock decides. What it must show: races on shared maps, none on per-CPU ones.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RunReport, simulate } from "../../src/engine";
import type { Schedule } from "../../src/engine/runtime/run";

const prelude =
  '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\n';

/** Read, then write back one more, in separate statements: a lost update when CPUs interleave. */
const racyCounter = `
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} shared SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} mine SEC(".maps");

SEC("cgroup_skb/egress")
int count(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u64 *total = bpf_map_lookup_elem(&shared, &zero);
	__u64 *own = bpf_map_lookup_elem(&mine, &zero);
	if (!total || !own)
		return 1;
	__u64 seen = *total;
	seen = seen + 1;
	*total = seen;
	*own += 1;
	return 1;
}
`;

function run(schedule: Schedule, cpus = 2, count = 200): RunReport {
  const result = simulate({
    files: { "prog.bpf.c": prelude + racyCounter },
    main: "prog.bpf.c",
    cpus,
    packets: { count, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    schedule,
  });
  if (!result.ok) throw new Error(result.error.diagnostics.map((d) => d.message).join("\n"));
  return result.report;
}

const u64 = (hex: string) => Number(BigInt(`0x${hex.match(/../g)?.reverse().join("")}`));
const shared = (report: RunReport) => u64((report.maps.shared.entries[0] as { value: string }).value);
const perCpu = (report: RunReport) =>
  (report.maps.mine.entries[0] as { values: string[] }).values.map(u64).reduce((a, b) => a + b, 0);

describe("interleaved schedule", () => {
  it("loses updates to a shared array that a read-then-write races on; sequential loses none", () => {
    expect(shared(run({ mode: "sequential" }))).toBe(200);
    const interleaved = run({ mode: "interleaved", seed: 7 });
    expect(shared(interleaved)).toBeLessThan(200);
    expect(shared(interleaved)).toBeGreaterThan(0);
  });

  it("never loses a per-CPU update, whatever the seed", () => {
    for (const seed of [1, 2, 3]) expect(perCpu(run({ mode: "interleaved", seed }))).toBe(200);
  });

  it("gives the same report for the same seed, and another interleaving for another seed", () => {
    expect(run({ mode: "interleaved", seed: 7 })).toEqual(run({ mode: "interleaved", seed: 7 }));
    const results = new Set([1, 2, 3, 4, 5].map((seed) => shared(run({ mode: "interleaved", seed }))));
    expect(results.size).toBeGreaterThan(1);
  });

  it("cannot race on one CPU: every packet waits for the one before it", () => {
    expect(shared(run({ mode: "interleaved", seed: 7 }, 1))).toBe(200);
  });

  it("runs the seed chain with the same per-packet results as the sequential schedule", () => {
    const dir = join(import.meta.dirname, "../../src/lessons/01-seed-fixed");
    const files = Object.fromEntries(
      readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
    );
    const input = {
      files,
      main: "programs.bpf.c",
      cpus: 4,
      packets: { count: 12, cpu: "random" as const, seed: 3, template: "ipv4-udp" as const },
    };
    const sequential = simulate({ ...input, schedule: { mode: "sequential" } });
    const interleaved = simulate({ ...input, schedule: { mode: "interleaved", seed: 5 } });
    if (!sequential.ok || !interleaved.ok) throw new Error("the seed does not run");
    const strip = (r: RunReport) =>
      r.packets.map(({ printk, programs, retval, steps }) => ({ printk, programs, retval, steps }));
    expect(strip(interleaved.report)).toEqual(strip(sequential.report));
    expect(interleaved.report.maps).toEqual(sequential.report.maps);
  });
});
