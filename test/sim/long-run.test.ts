// A run longer than the recording keeps: the first packets recorded for stepping, the rest in
// the report only, with the same report a run that records nothing gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, type RunRequest, Session } from "../../src/engine";
import { generatePackets, type PacketGenerator, windowedPackets } from "../../src/engine/packets";
import { freshState } from "../support/runs";

const counter = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } seen SEC(".maps");
SEC("cgroup_skb/egress")
int count(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&seen, &zero);
	if (!n)
		return 1;
	*n += 1;
	if (*n % 3 == 0)
		bpf_printk("third %llu", *n);
	return 1;
}
char LICENSE[] SEC("license") = "GPL";
`;

const generator: PacketGenerator = { count: 50, cpu: "round-robin", seed: 3, template: "ipv4-udp" };
const request: RunRequest = {
  files: { "count.bpf.c": counter },
  main: "count.bpf.c",
  cpus: 2,
  packets: generator,
};

function started(record: boolean, recordedPackets?: number): Session {
  const result = Session.start(request, { record, recordedPackets });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.session;
}

describe("a run longer than the packets a recording keeps", () => {
  const whole = started(false);
  const windowed = started(true, 10);

  it("reports every packet and the final maps, as a run that records nothing", () => {
    expect(windowed.report).toEqual(whole.report);
    expect(windowed.report.packets).toHaveLength(50);
    expect(whole.report.maps.seen.entries[0]).toEqual({ key: "00000000", value: "3200000000000000" });
  });

  it("records the first ten packets and says what it left out", () => {
    const recordedSteps = whole.report.packets.slice(0, 10).reduce((sum, p) => sum + p.steps, 0);
    const allSteps = whole.report.packets.reduce((sum, p) => sum + p.steps, 0);
    expect(windowed.totalSteps).toBe(recordedSteps);
    expect(windowed.unrecorded).toEqual({ packets: 40, steps: allSteps - recordedSteps });
    expect(started(true).unrecorded).toBeNull();
  });

  it("steps anywhere in the recorded packets, back and forth, as a fresh run stopped there", () => {
    const compiled = compile(request);
    if (!compiled.program || !compiled.object) throw new Error("does not compile");
    const input = {
      cpus: 2,
      entry: "count",
      packets: generatePackets(generator, 2),
    };
    const fresh = (step: number) =>
      freshState(
        compiled.program as NonNullable<typeof compiled.program>,
        compiled.object as NonNullable<typeof compiled.object>,
        input,
        step,
      );
    const total = windowed.totalSteps;
    for (const step of [total, 0, Math.floor(total / 2), total, 1, total - 1])
      expect(windowed.seek(step).state).toEqual(fresh(step));
    // The cursor's last step shows the machine after the tenth packet: the counter at 10.
    expect(windowed.seek(total).state.maps.seen.entries[0]).toEqual({
      key: "00000000",
      value: "0a00000000000000",
    });
  });
});

describe("windowed packets", () => {
  it("are the generator's packets, and go back to any packet they keep", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (count, held, rewinds) => {
          const gen: PacketGenerator = { count, cpu: "random", seed: 9, template: "ipv4-tcp" };
          const expected = generatePackets(gen, 4);
          const stream = windowedPackets(gen, 4, held);
          const keptUpTo = Math.min(held, count);
          const same = (i: number) => {
            const p = stream.next();
            expect({ cpu: p.cpu, bytes: [...p.bytes] }).toEqual({
              cpu: expected[i].cpu,
              bytes: [...expected[i].bytes],
            });
          };
          expect(stream.rewind?.(1)).toBe(false);
          for (let i = 0; i < keptUpTo; i++) same(i);
          // Within what it keeps, a stream goes back and replays the same packets.
          for (const rewind of rewinds) {
            const to = keptUpTo === 0 ? 0 : rewind % (keptUpTo + 1);
            expect(stream.rewind?.(to)).toBe(true);
            for (let i = to; i < keptUpTo; i++) same(i);
          }
          expect(stream.rewind?.(0)).toBe(true);
          for (let i = 0; i < count; i++) same(i);
          if (count > held) expect(stream.rewind?.(held + 1)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });
});
