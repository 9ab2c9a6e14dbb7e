// A run to the end with nothing observing goes in batches of packets, phase by phase
// (runtime/packet-batch.ts): every packet's context first, then each chain, then each report.
// It must report exactly what running the packets one at a time reports.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, parseScenario, type RunRequest } from "../../src/engine";
import { buildFrame, type Packet, type PacketGenerator, streamPackets } from "../../src/engine/packets";
import { PACKET_BATCH } from "../../src/engine/runtime/packet-batch";
import type { ControlAction } from "../../src/engine/runtime/report";
import { prepareRun, type RunInput, runReport } from "../../src/engine/runtime/run";
import { runToEnd } from "../../src/engine/runtime/scheduler";
import { entryProgram, packetsOf } from "../../src/engine/session";
import { caseRequest, caseScenario, caseSources, casesDir } from "../conformance/sources";

type Built = ReturnType<typeof compile>;

/** The report of a run driven to its end (batched), and of the same run a packet at a time. */
function bothWays(built: Built, input: () => RunInput) {
  const { program, object } = built;
  if (!program || !object) throw new Error("the program does not compile");
  const batched = prepareRun(program, object, input());
  runToEnd(batched);
  const single = prepareRun(program, object, input());
  while (!single.done) single.runNextPacket();
  return { batched: runReport(batched, input().cpus), single: runReport(single, input().cpus) };
}

function inputOf(built: Built, request: RunRequest, packets: () => RunInput["packets"]): () => RunInput {
  if (!built.object) throw new Error("the program does not load");
  const entry = entryProgram(built.object, request.entry);
  if ("problem" in entry) throw new Error(entry.problem);
  return () => ({ cpus: request.cpus, entry: entry.name, packets: packets(), control: request.control });
}

/** A request for a generated stream of packets through one source file, and the stream's input. */
function streamed(name: string, source: string, cpus: number, generator: PacketGenerator) {
  const request: RunRequest = { files: { [name]: source }, main: name, cpus, packets: generator };
  const built = compile(request);
  return { request, built, input: inputOf(built, request, () => streamPackets(generator, cpus)) };
}

const counter = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");
SEC("cgroup_skb/egress")
int count(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u64 *value = bpf_map_lookup_elem(&seen, &zero);
	if (!value)
		return 1;
	*value += 1;
	bpf_printk("packet of %u bytes, %llu seen", skb->len, *value);
	return *value % 3 == 0 ? 0 : 1;
}
`;

const flipper = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("tc")
int flip(struct __sk_buff *skb)
{
	unsigned char *data = (void *)(long)skb->data;
	unsigned char *end = (void *)(long)skb->data_end;
	if (data + 36 > end)
		return 0;
	// The low byte of the UDP source port, each flow's own: changed in odd ports only, so that
	// a packet left as it came must report no packetOut.
	if (data[35] & 1)
		data[35] ^= 0xff;
	return 0;
}
`;

describe("a run in batches of packets", () => {
  it("gives each packet a tc program changed its own packetOut, and none to a packet it left, from a stream that refills one frame", () => {
    const { request, built, input } = streamed("flip.bpf.c", flipper, 2, {
      count: 2 * PACKET_BATCH + 3,
      cpu: "round-robin",
      seed: 3,
      template: "ipv4-udp",
    });
    const { batched, single } = bothWays(built, input);
    const frames = packetsOf(request);
    batched.packets.forEach((packet, i) => {
      const flipped = frames[i].bytes.slice();
      flipped[35] ^= 0xff;
      expect(packet.packetOut).toBe(
        frames[i].bytes[35] & 1 ? Buffer.from(flipped).toString("hex") : undefined,
      );
    });
    expect(batched.packets.filter((p) => p.packetOut === undefined).length).toBeGreaterThan(10);
    expect(batched).toEqual(single);
  });

  it("leaves the last packet's frame for the packet view, from a stream", () => {
    const { request, built, input } = streamed("count.bpf.c", counter, 2, {
      count: PACKET_BATCH + 7,
      cpu: "round-robin",
      seed: 5,
      template: "ipv4-udp",
    });
    const { program, object } = built;
    if (!program || !object) throw new Error("the program does not compile");
    const scheduler = prepareRun(program, object, input());
    runToEnd(scheduler);
    const last = packetsOf(request)[PACKET_BATCH + 6];
    expect(scheduler.lastFinished?.packet).toBe(PACKET_BATCH + 6);
    expect(scheduler.lastFinished?.frame).toEqual(last.bytes);
  });

  it("reports what a run a packet at a time does, for a streamed run of several batches", () => {
    const { built, input } = streamed("count.bpf.c", counter, 4, {
      count: 3 * PACKET_BATCH + 5,
      cpu: "random",
      seed: 7,
      template: "ipv4-udp",
    });
    const { batched, single } = bothWays(built, input);
    expect(batched.packets).toHaveLength(3 * PACKET_BATCH + 5);
    expect(batched.packets.filter((p) => p.retval === 0)).toHaveLength(
      Math.floor((3 * PACKET_BATCH + 5) / 3),
    );
    expect(batched).toEqual(single);
  });

  it("runs control-plane actions and refuses short frames in the middle of a batch, in order", () => {
    const frame = buildFrame("ipv4-udp", 4000);
    const packets: Packet[] = Array.from({ length: PACKET_BATCH + 10 }, (_, i) => ({
      cpu: i % 2,
      // A frame shorter than an Ethernet header: the test run refuses it before any program.
      bytes: i === 5 || i === PACKET_BATCH ? frame.subarray(0, 10) : frame,
    }));
    const control: ControlAction[] = [
      { beforePacket: 7, op: "update", map: "seen", key: "00000000", value: "6400000000000000" },
      { beforePacket: PACKET_BATCH + 3, op: "delete", map: "seen", key: "00000000" },
    ];
    const request: RunRequest = {
      files: { "count.bpf.c": counter },
      main: "count.bpf.c",
      cpus: 2,
      packets: packets.map((p) => ({ cpu: p.cpu, bytes: Buffer.from(p.bytes).toString("hex") })),
      control,
    };
    const built = compile(request);
    const { batched, single } = bothWays(
      built,
      inputOf(built, request, () => packets),
    );
    expect(batched.packets[5].testRunError?.errno).toBe("-EINVAL");
    expect(batched.packets[PACKET_BATCH].testRunError?.errno).toBe("-EINVAL");
    // The update before packet 7 set the count to 100: packet 7 saw 101.
    expect(batched.packets[7].printk).toEqual(["packet of 50 bytes, 101 seen"]);
    expect(batched).toEqual(single);
  });

  const cases = readdirSync(casesDir).filter((name) => existsSync(join(casesDir, name, "scenario.json")));

  it.each(cases)("%s: batched as a packet at a time", (name) => {
    const files = caseSources(name);
    const parsed = parseScenario({ ...caseScenario(name), files });
    if (!parsed.ok) return;
    const request = caseRequest(files, parsed);
    if (request.schedule?.mode === "interleaved") return;
    const built = compile(request);
    if (!built.program || !built.object) return;
    if ("problem" in entryProgram(built.object, request.entry)) return;
    const { batched, single } = bothWays(
      built,
      inputOf(built, request, () => packetsOf(request)),
    );
    expect(batched).toEqual(single);
  });
});
