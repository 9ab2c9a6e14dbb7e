// "Where did this value come from?": the store that last wrote a map cell's or global's bytes,
// what it computed them from, and who reads them next — checked against stepping to the store.
import { describe, expect, it } from "vitest";
import type { WhyTarget } from "../../src/engine";
import { Session } from "../../src/engine/session";
import { lessonSession } from "../support/lesson-session";

describe("why on the seed", () => {
  const { session, lineOf } = lessonSession("01-seed-fixed", 2, 4);

  it("leads CPU 1's value_from_1 to egress1's assignment for the latest packet CPU 1 ran", () => {
    const result = session.whyAfterPacket(
      { kind: "map", map: "tail_context_map", key: "00000000", cpu: 1, field: "value_from_1" },
      3,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { answer } = result;
    expect(answer.value).toBe("0b");
    expect(answer.writer).toMatchObject({
      packet: 3,
      cpu: 1,
      program: "egress1",
      line: lineOf("value_from_1 = 11"),
    });
    expect(answer.sources).toEqual([{ kind: "constant" }]);
    // Stepping to the writer's step shows the statement that wrote it.
    const step = (answer.writer as { step: number }).step;
    expect(session.seek(step).last?.line).toBe(lineOf("value_from_1 = 11"));
    console.log(JSON.stringify(answer));
  });
});

const KINDS = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct stats { __u32 proto; __u32 doubled; __u32 copied; __u32 sum; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct stats);
} stats SEC(".maps");
__u32 last_len = 0;
static __attribute__((noinline)) __u32 twice(__u32 v)
{
	return v * 2;
}
SEC("tc")
int classify(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	__u32 zero = 0, one = 1;
	if (data + 34 > end)
		return 0;
	__u8 proto = *(__u8 *)(data + 23);
	struct stats *s = bpf_map_lookup_elem(&stats, &zero);
	struct stats *t = bpf_map_lookup_elem(&stats, &one);
	if (!s || !t)
		return 0;
	s->proto = proto;
	__u32 len = skb->len;
	s->doubled = twice(len);
	last_len = len;
	t->copied = s->proto;
	t->sum = last_len + 1;
	return 0;
}
`;

describe("why: every kind of source", () => {
  const started = Session.start(
    {
      files: { "kinds.bpf.c": KINDS },
      main: "kinds.bpf.c",
      cpus: 2,
      packets: { count: 3, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
      control: [
        {
          beforePacket: 1,
          op: "update",
          map: "stats",
          key: "01000000",
          value: "07000000070000000700000007000000",
        },
      ],
    },
    { record: true },
  );
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const session = started.session;
  const lines = KINDS.split("\n");
  const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
  const why = (target: WhyTarget, packet = 0) => {
    const result = session.whyAfterPacket(target, packet);
    if (!result.ok) throw new Error(result.error);
    return result.answer;
  };
  const cell = (key: string, field: string) => ({
    kind: "map" as const,
    map: "stats",
    key,
    cpu: null,
    field,
  });

  it("a packet byte, through a local", () => {
    const answer = why(cell("00000000", "proto"));
    expect(answer.value).toBe("11000000");
    expect(answer.writer).toMatchObject({ packet: 0, line: lineOf("s->proto = proto") });
    expect(answer.sources).toEqual([{ kind: "packet", offset: 23, size: 1 }]);
  });

  it("a context field, through a call's return, its parameter and a local", () => {
    const answer = why(cell("00000000", "doubled"));
    expect(answer.writer).toMatchObject({ line: lineOf("s->doubled = twice(len)") });
    expect(answer.sources).toEqual([{ kind: "context", field: "len" }, { kind: "constant" }]);
  });

  it("a global, written from a context field", () => {
    const answer = why({ kind: "global", global: "last_len" });
    expect(answer.writer).toMatchObject({ line: lineOf("last_len = len;") });
    expect(answer.sources).toEqual([{ kind: "context", field: "len" }]);
  });

  it("memory another store wrote, with that store's own answer", () => {
    const answer = why(cell("01000000", "copied"));
    expect(answer.writer).toMatchObject({ line: lineOf("t->copied = s->proto") });
    expect(answer.sources).toHaveLength(1);
    const [source] = answer.sources;
    expect(source).toMatchObject({
      kind: "memory",
      map: "stats",
      key: "00000000",
      cpu: null,
      offset: 0,
      size: 4,
    });
    const writer = (source as { writer: { step: number; line: number } }).writer;
    expect(writer.line).toBe(lineOf("s->proto = proto"));
    expect(session.sourcesOfStore(writer.step)).toEqual([{ kind: "packet", offset: 23, size: 1 }]);
  });

  it("a global read and a constant", () => {
    const answer = why(cell("01000000", "sum"));
    expect(answer.sources).toHaveLength(2);
    expect(answer.sources).toContainEqual({ kind: "constant" });
    expect(answer.sources).toContainEqual({
      kind: "memory",
      global: "last_len",
      offset: 0,
      size: 4,
      writer: expect.objectContaining({ line: lineOf("last_len = len;") }),
    });
  });

  it("a control-plane update, and the initial value", () => {
    expect(why(cell("01000000", "proto"), 1).writer).toEqual({ controlPlane: { beforePacket: 1 } });
    expect(why(cell("01000000", "proto"), 0).writer).toBeNull();
  });

  it("who reads it next", () => {
    const step = session.travel.trace.packetFirstStep(1) ?? 0;
    const result = session.why(cell("00000000", "proto"), step);
    expect(result.ok && result.answer.nextReader).toMatchObject({
      packet: 1,
      line: lineOf("t->copied = s->proto"),
    });
  });

  it("names what is wrong with a question", () => {
    const error = (target: WhyTarget, packet = 0) => {
      const result = session.whyAfterPacket(target, packet);
      return result.ok ? null : result.error;
    };
    expect(error({ kind: "map", map: "nope", key: "00000000", cpu: null })).toMatch(/no map named 'nope'/);
    expect(error(cell("0000", "proto"))).toMatch(/key '0000' is not 4 bytes/);
    expect(error(cell("00000000", "colour"))).toMatch(/no field 'colour'/);
    expect(error({ kind: "global", global: "nobody" })).toMatch(/no global named 'nobody'/);
    expect(error({ kind: "map", map: "stats", key: "00000000", cpu: 0 })).toMatch(/not per-CPU/);
    expect(error(cell("00000000", "proto"), 9)).toMatch(/packet 9 is out of range/);
  });
});

describe("why in the race lesson (interleaved ARRAY)", () => {
  const { session, lineOf } = lessonSession("03-why-per-cpu", 4, 8, {
    schedule: { mode: "interleaved", seed: 7 },
  });
  const trace = session.travel.trace;
  const cpuField = {
    kind: "map" as const,
    map: "tail_context_map",
    key: "00000000",
    cpu: null,
    field: "cpu",
  };

  it("leads a corrupted context to the other CPU's store, and that store to the helper", () => {
    const lines = trace.printkLines();
    const corrupted = lines.find(({ line }) => line.includes("reads a context CPU"));
    expect(corrupted).toBeDefined();
    if (!corrupted) return;
    const [, reader, writerCpu] = /CPU (\d+) reads a context CPU (\d+) wrote/.exec(corrupted.line) ?? [];
    const result = session.why(cpuField, corrupted.step);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answer.writer).toMatchObject({
      cpu: Number(writerCpu),
      program: "egress1",
      line: lineOf("tc->cpu ="),
    });
    expect(Number(writerCpu)).not.toBe(Number(reader));
    expect(result.answer.sources).toEqual([{ kind: "helper", name: "bpf_get_smp_processor_id" }]);
  });

  it("names the store stepping finds: at every recorded write, the writer is that write", () => {
    for (const write of trace.mapWriteEvents()) {
      const result = session.why(
        {
          kind: "map",
          map: write.map,
          key: write.key,
          cpu: write.cpu,
          field: write.offset === 0 ? "cpu" : "mark",
        },
        write.step,
      );
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.answer.writer).toMatchObject({ step: write.step });
      // The bytes the answer shows are the ones the write left.
      expect(write.after.slice(write.offset * 2, (write.offset + 4) * 2)).toBe(result.answer.value);
    }
  });

  it("a context field as a source", () => {
    const write = trace.mapWriteEvents().find((w) => w.offset === 4);
    expect(write).toBeDefined();
    const result = session.why({ ...cpuField, field: "mark" }, write?.step ?? 0);
    expect(result.ok && result.answer.sources).toEqual([{ kind: "context", field: "len" }]);
  });
});

describe("why for values outside memory", () => {
  const started = Session.start(
    {
      files: { "kinds.bpf.c": KINDS },
      main: "kinds.bpf.c",
      cpus: 2,
      packets: { count: 2, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    },
    { record: true },
  );
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const session = started.session;
  const lines = KINDS.split("\n");
  const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
  /** The step just after the statement on `text`'s line ran in packet 0. */
  const after = (text: string) => {
    const trace = session.travel.trace;
    for (let step = 1; step <= session.totalSteps; step++)
      if (trace.statementAt(step)?.line === lineOf(text)) return step;
    throw new Error(`no step ran ${text}`);
  };

  it("a local: the statement of its frame that assigned it, and what that read", () => {
    const step = after("s->doubled = twice(len)");
    const result = session.why({ kind: "local", name: "len", packet: 0, depth: 0 }, step);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answer.writer).toMatchObject({ line: lineOf("__u32 len = skb->len") });
    expect(result.answer.sources).toEqual([{ kind: "context", field: "len" }]);
    // The generated IPv4/UDP frames are 64 bytes.
    expect(result.answer.value).toBe("64");
  });

  it("a local holding a packet byte", () => {
    const result = session.why(
      { kind: "local", name: "proto", packet: 0, depth: 0 },
      after("s->proto = proto"),
    );
    expect(result.ok && result.answer.sources).toEqual([{ kind: "packet", offset: 23, size: 1 }]);
  });

  it("a parameter inside the called function: the caller's argument", () => {
    const step = after("return v * 2");
    const result = session.why({ kind: "local", name: "v", packet: 0, depth: 1 }, step - 1);
    expect(result.ok && result.answer.sources).toEqual([{ kind: "context", field: "len" }]);
  });

  it("a context field, and the verdict a packet returned", () => {
    const field = session.why({ kind: "context", field: "len" }, after("__u32 len = skb->len"));
    expect(field.ok && field.answer).toMatchObject({
      value: "64",
      writer: null,
      sources: [{ kind: "context", field: "len" }],
    });
    const verdict = session.why({ kind: "return", packet: 1 }, session.totalSteps);
    expect(verdict.ok && verdict.answer).toMatchObject({
      value: "0",
      writer: { packet: 1, line: lines.length - 2 },
      sources: [{ kind: "constant" }],
    });
  });

  it("names a local that is not there", () => {
    const result = session.why(
      { kind: "local", name: "nobody", packet: 0, depth: 0 },
      after("s->proto = proto"),
    );
    expect(result.ok ? null : result.error).toMatch(/no local named 'nobody'/);
  });
});

describe("why for a printk line's arguments", () => {
  const { session } = lessonSession("03-why-per-cpu", 4, 8, { schedule: { mode: "interleaved", seed: 7 } });
  it("leads to the helper and the memory another CPU wrote", () => {
    const corrupted = session.travel.trace
      .printkLines()
      .find(({ line }) => line.includes("reads a context CPU"));
    expect(corrupted).toBeDefined();
    const result = session.why({ kind: "printk", step: corrupted?.step ?? 0 }, corrupted?.step ?? 0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answer.value).toMatch(/reads a context CPU/);
    expect(result.answer.sources).toContainEqual({ kind: "helper", name: "bpf_get_smp_processor_id" });
    expect(
      result.answer.sources.some((s) => s.kind === "memory" && "map" in s && s.map === "tail_context_map"),
    ).toBe(true);
  });
});
