// Whole programs run through the interpreter; expectations are the kernel's behaviour as
// kernel-facts.md records it (each [E] there was measured on Linux 6.18).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type RunReport, reportJson, simulate } from "../../src/engine";
import { generatePackets } from "../../src/engine/packets";
import { runPackets } from "../../src/engine/runtime/run";

const prelude =
  '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\n';

function run(source: string, options: { cpus?: number; count?: number; entry?: string } = {}): RunReport {
  const result = simulate({
    files: { "prog.bpf.c": prelude + source },
    main: "prog.bpf.c",
    cpus: options.cpus ?? 1,
    entry: options.entry,
    packets: { count: options.count ?? 1, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  });
  if (!result.ok) throw new Error(result.error.diagnostics.map((d) => `${d.line}: ${d.message}`).join("\n"));
  return result.report;
}

/** A run straight through the interpreter, past a verifier that would refuse the program. */
function runPastVerifier(source: string): RunReport {
  const { program, object } = compile({ files: { "prog.bpf.c": source }, main: "prog.bpf.c" });
  if (!program || !object) throw new Error("does not compile");
  return runPackets(program, object, {
    cpus: 1,
    entry: "entry",
    packets: generatePackets({ count: 1, cpu: "round-robin", seed: 1, template: "ipv4-udp" }, 1),
  });
}

const progArray = (slots: number, init = "") => `
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, ${slots});
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jmp SEC(".maps")${init ? ` = { .values = { ${init} } }` : ""};
`;

describe("the seed", () => {
  it("shows 11 and 22 in each CPU's cell, three programs per packet and the four printk lines", () => {
    const dir = join(import.meta.dirname, "../../src/lessons/01-seed-fixed");
    const files = Object.fromEntries(
      readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
    );
    const result = simulate({
      files,
      main: "programs.bpf.c",
      cpus: 2,
      packets: { count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    });
    if (!result.ok) throw new Error("does not run");
    const { report } = result;
    expect(report.maps.tail_context_map.entries).toEqual([{ key: "00000000", values: ["0b16", "0b16"] }]);
    for (const packet of report.packets) {
      expect(packet.programs).toEqual(["egress1", "egress2", "egress3"]);
      expect(packet.retval).toBe(1);
      expect(packet.printk).toEqual([
        "[egress1] Calling egress2",
        "[egress2] Calling egress3",
        "[egress3] Someone called me",
        "[egress3] first=11 second=22",
      ]);
    }
    expect(report.packets.map((p) => p.cpu)).toEqual([0, 1, 0, 1]);
  });
});

describe("tail calls", () => {
  it("a program that tail-calls itself counts to 33 when entered through the array [E]", () => {
    const report = run(
      `
int loop(struct __sk_buff *skb);
${progArray(1, "[0] = (void *)&loop")}
__u32 count;
SEC("tc") int loop(struct __sk_buff *skb) { count++; bpf_tail_call(skb, &jmp, 0); return 0; }
SEC("tc") int entry(struct __sk_buff *skb) { bpf_tail_call(skb, &jmp, 0); return 1; }
`,
      { entry: "entry" },
    );
    expect(report.globals.count).toBe("21000000");
    expect(report.packets[0].programs).toHaveLength(34);
    expect(report.packets[0].tailCalls.at(-1)?.outcome).toBe("limit");
  });

  it("falls through on an empty slot and on an index past max_entries", () => {
    const report = run(`
${progArray(4)}
SEC("tc") int entry(struct __sk_buff *skb) {
	bpf_tail_call(skb, &jmp, 2);
	bpf_tail_call(skb, &jmp, 9);
	return 7;
}
`);
    expect(report.packets[0].retval).toBe(7);
    expect(report.packets[0].tailCalls.map((t) => t.outcome)).toEqual(["empty-slot", "out-of-range"]);
  });

  it("a tail call inside a bpf2bpf subprogram replaces it; the target's value is the call's [tailcall_bpf2bpf1]", () => {
    const report = run(
      `
int target(struct __sk_buff *skb);
${progArray(1, "[0] = (void *)&target")}
SEC("tc") int target(struct __sk_buff *skb) { return 40; }
static __noinline int sub(struct __sk_buff *skb) { bpf_tail_call(skb, &jmp, 0); return 1; }
SEC("tc") int entry(struct __sk_buff *skb) { return sub(skb) + 2; }
`,
      { entry: "entry" },
    );
    expect(report.packets[0].retval).toBe(42);
  });

  it("keeps writes to skb->mark across a tail call [E]", () => {
    const report = run(
      `
int second(struct __sk_buff *skb);
${progArray(1, "[0] = (void *)&second")}
SEC("tc") int second(struct __sk_buff *skb) { return skb->mark; }
SEC("tc") int first(struct __sk_buff *skb) { skb->mark = 66; bpf_tail_call(skb, &jmp, 0); return 0; }
`,
      { entry: "first" },
    );
    expect(report.packets[0].retval).toBe(66);
  });
});

describe("integers", () => {
  it("wraps u8 and u16 arithmetic and follows BPF's division and modulo by zero", () => {
    const report = run(`
__u8 small = 250;
__u16 mid = 65535;
__u32 quotient = 5, remainder = 5;
__s32 negative;
SEC("tc") int entry(struct __sk_buff *skb) {
	__u32 zero = skb->mark;
	small += 10;
	mid++;
	quotient = 100 / zero;
	remainder = 100 % zero;
	negative = -7 / 2;
	return 0;
}
`);
    expect(report.globals).toEqual({
      small: "04",
      mid: "0000",
      quotient: "00000000",
      remainder: "64000000",
      negative: "fdffffff",
    });
  });

  it("does 64-bit arithmetic exactly", () => {
    const report = run(`
__u64 big = 0xffffffffffffffffULL;
__s64 product;
SEC("tc") int entry(struct __sk_buff *skb) { big += 2; product = (__s64)-3 * 1000000000000LL; return 0; }
`);
    expect(report.globals.big).toBe("0100000000000000");
    expect(
      BigInt.asIntN(64, BigInt(`0x${Buffer.from(report.globals.product, "hex").reverse().toString("hex")}`)),
    ).toBe(-3000000000000n);
  });
});

describe("context and helpers", () => {
  it("gives cgroup_skb the skb from the IP header", () => {
    const report = run(`
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	__u8 *version = data;
	if (data + 1 > end) return 0;
	bpf_printk("len=%u proto=%x first=%x span=%d", skb->len, skb->protocol, *version, (int)(end - data));
	return 1;
}
`);
    expect(report.packets[0].printk).toEqual(["len=50 proto=8 first=45 span=50"]);
  });

  it("returns the kernel's errno from map helpers", () => {
    const report = run(`
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } h SEC(".maps");
SEC("tc") int entry(struct __sk_buff *skb) {
	__u32 k1 = 1, k2 = 2;
	__u64 v = 5;
	long a = bpf_map_update_elem(&h, &k1, &v, BPF_NOEXIST);
	long b = bpf_map_update_elem(&h, &k1, &v, BPF_NOEXIST);
	long c = bpf_map_update_elem(&h, &k2, &v, BPF_ANY);
	long d = bpf_map_delete_elem(&h, &k2);
	bpf_printk("%ld %ld %ld", a, b, c);
	bpf_printk("%ld", d);
	return 0;
}
`);
    expect(report.packets[0].printk).toEqual(["0 -17 -7", "-2"]);
    expect(report.maps.h.entries).toEqual([{ key: "01000000", value: "0500000000000000" }]);
  });

  it("runs memset and memcpy called without a declaration, as clang's builtins", () => {
    const report = run(`SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
	char a[16], b[16];
	memset(a, 7, sizeof(a));
	memcpy(b, a, sizeof(b));
	memmove(b + 1, b, 4);
	bpf_printk("%d %d", a[3], b[15]);
	return 1;
}`);
    expect(report.packets[0]).toMatchObject({ printk: ["7 7"], fault: null });
  });

  it("keeps a helper call's arguments apart when an argument calls back into the same call", () => {
    // Only recursion comes back to a call site mid-call, and the verifier refuses it (8 frames):
    // the interpreter underneath must still get it right, so this runs past the verifier.
    const report = runPastVerifier(`${prelude}
static __noinline int depth(int n) {
	if (n <= 0) return 0;
	bpf_printk("%d %d", n, depth(n - 1));
	return n;
}
SEC("tc") int entry(struct __sk_buff *skb) { return depth(3); }
`);
    expect(report.packets[0].printk).toEqual(["1 0", "2 1", "3 2"]);
    expect(report.packets[0].retval).toBe(3);
  });
});

describe("faults", () => {
  it("turns a NULL dereference the verifier was not asked about into a fault at the source line", () => {
    const source = `${prelude}
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); } h SEC(".maps");
SEC("tc") int entry(struct __sk_buff *skb) {
	__u32 key = 3;
	__u32 *value = bpf_map_lookup_elem(&h, &key);
	return *value;
}
`;
    // simulate() refuses it at the verifier; the interpreter underneath must still fault, not throw.
    const refused = simulate({ files: { "prog.bpf.c": source }, main: "prog.bpf.c", cpus: 1, packets: [] });
    expect(refused.ok ? null : refused.error.diagnostics[0]).toMatchObject({
      stage: "verify",
      line: 9,
      message: "R0 invalid mem access 'map_value_or_null'",
    });
    const report = runPastVerifier(source);
    expect(report.packets[0].fault).toMatchObject({ file: "prog.bpf.c", line: 9 });
    expect(report.packets[0].fault?.message).toContain("NULL pointer");
  });

  it("stops a packet whose calls nest 512 deep, past a verifier that would have refused them", () => {
    const report = runPastVerifier(`${prelude}
static __noinline int down(int n) { if (n <= 0) return 0; return down(n - 1) * 3 + 1; }
SEC("tc") int entry(struct __sk_buff *skb) { return down(skb->len * 20); }
`);
    expect(report.packets[0].fault).toMatchObject({ file: "prog.bpf.c", line: 5 });
    expect(report.packets[0].fault?.message).toBe(
      "'down' is called 512 calls deep; the kernel refuses more than 8 frames",
    );
  });
});

describe("packet reports", () => {
  it("share equal chains, tail-call records and printk lines between packets, frozen", () => {
    const report = run(
      `SEC("cgroup_skb/egress") int second(struct __sk_buff *skb) { bpf_printk("len %d", skb->len & 1); return 1; }
${progArray(2, "[1] = &second")}
SEC("cgroup_skb/egress") int first(struct __sk_buff *skb) { bpf_tail_call(skb, &jmp, bpf_get_prandom_u32() & 1); return 0; }`,
      { entry: "first", count: 40 },
    );
    const byChain = new Map<string, (typeof report.packets)[number]>();
    for (const packet of report.packets) {
      const earlier = byChain.get(packet.programs.join(">"));
      if (earlier) {
        expect(packet.programs).toBe(earlier.programs);
        expect(packet.tailCalls).toBe(earlier.tailCalls);
        expect(packet.tailCalls[0]).toBe(earlier.tailCalls[0]);
        expect(packet.printk).toBe(earlier.printk);
      } else byChain.set(packet.programs.join(">"), packet);
      expect(Object.isFrozen(packet.programs)).toBe(true);
      expect(Object.isFrozen(packet.tailCalls[0])).toBe(true);
    }
    // Both outcomes happen, so both kinds of report are checked.
    expect([...byChain.keys()].sort()).toEqual(["first", "first>second"]);
    expect(byChain.get("first>second")?.printk).toEqual(["len 0"]);
    expect(byChain.get("first")?.tailCalls[0].outcome).toBe("empty-slot");
  });
});

describe("self calls clang makes loops", () => {
  it("run in one frame, however deep, with the operators applied innermost first", () => {
    const report = run(`
static __noinline int count(int n)
{
	if (n <= 0)
		return 0;
	return count(n - 1) + 2;
}
static __noinline long sum_down(int n, long sum)
{
	if (n <= 0)
		return sum;
	return sum_down(n - 1, sum + n);
}
static __noinline __u32 mix(int n, __u32 k)
{
	if (n <= 0)
		return k;
	return mix(n - 1, k) * (k ^ n);
}
static __noinline __u8 tiny(int n)
{
	if (n <= 0)
		return 1;
	return 3 * tiny(n - 1);
}
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb)
{
	bpf_printk("%d %ld", count(skb->len * 40), sum_down(skb->len * 40, 0));
	bpf_printk("%u %u", mix(9, skb->len), tiny(7));
	return 1;
}`);
    // The same arithmetic with C's widths: u32 products wrap, a u8 result wraps at every level.
    const len = 50;
    let mixed = len >>> 0;
    for (let n = 1; n <= 9; n++) mixed = Math.imul(mixed, (len ^ n) >>> 0) >>> 0;
    let small = 1;
    for (let n = 1; n <= 7; n++) small = (3 * small) & 0xff;
    expect(report.packets[0].printk).toEqual([
      `${2 * len * 40} ${(len * 40 * (len * 40 + 1)) / 2}`,
      `${mixed} ${small}`,
    ]);
    expect(report.packets[0].fault).toBeNull();
  });
});

describe("packet reports shared whole", () => {
  it("are one frozen report per CPU while packets end the same way, and a packet's own when it ends differently", () => {
    const report = run(
      `SEC("cgroup_skb/egress") int count(struct __sk_buff *skb) {
  bpf_printk("seen");
  if (bpf_get_prandom_u32() % 4 == 0) bpf_printk("unlucky");
  return 1;
}`,
      { cpus: 2, count: 64 },
    );
    const packets = report.packets;
    for (const packet of packets) expect(Object.isFrozen(packet)).toBe(true);
    // Each report is shared only with packets on its CPU that had the same outcome.
    const owners = new Map<unknown, number[]>();
    packets.forEach((packet, index) => owners.set(packet, [...(owners.get(packet) ?? []), index]));
    for (const [shared, indices] of owners) {
      for (const index of indices) expect(packets[index]).toEqual(shared);
      expect(new Set(indices.map((i) => i % 2)).size).toBe(1);
    }
    expect(owners.size).toBeGreaterThan(2);
    expect(owners.size).toBeLessThan(packets.length);
    const unlucky = packets.filter((p) => p.printk.length === 2);
    expect(unlucky.length).toBeGreaterThan(0);
    expect(unlucky.length).toBeLessThan(packets.length);
  });

  it("get their index back in the contract's JSON, as the first field", () => {
    const report = run(`SEC("cgroup_skb/egress") int pass(struct __sk_buff *skb) { return 1; }`, {
      cpus: 2,
      count: 3,
    });
    const json = JSON.parse(JSON.stringify(reportJson(report)));
    expect(json.packets.map((p: { index: number; cpu: number }) => [p.index, p.cpu])).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
    ]);
    expect(Object.keys(json.packets[0])).toEqual([
      "index",
      "cpu",
      "retval",
      "printk",
      "programs",
      "tailCalls",
      "steps",
      "fault",
    ]);
    expect(json.maps).toEqual(report.maps);
  });
});

describe("progress", () => {
  it("is reported every 2,048 packets, sequential and interleaved", () => {
    for (const schedule of [{ mode: "sequential" }, { mode: "interleaved", seed: 3 }] as const) {
      const calls: [number, number][] = [];
      const result = simulate({
        files: { "prog.bpf.c": `${prelude}SEC("xdp") int pass(struct xdp_md *ctx) { return XDP_PASS; }` },
        main: "prog.bpf.c",
        cpus: 2,
        packets: { count: 5000, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
        schedule,
        onProgress: (done, total) => calls.push([done, total]),
      });
      expect(result.ok).toBe(true);
      const expected = schedule.mode === "sequential" ? [0, 2048, 4096] : [2048, 4096];
      expect(calls).toEqual(expected.map((done) => [done, 5000]));
    }
  });
});

describe("helpers beyond the issue's list", () => {
  it("bpf_get_current_comm gives the simulated task's name, cut to the buffer with its NUL", () => {
    const report = run(`SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
	char whole[16], cut[4];
	long a = bpf_get_current_comm(whole, sizeof(whole));
	long b = bpf_get_current_comm(cut, sizeof(cut));
	bpf_printk("%ld %s %ld %s", a, whole, b, cut);
	return 1;
}`);
    expect(report.packets[0].printk).toEqual(["0 tailscope 0 tai"]);
  });

  it("the boot and coarse clocks read the virtual clock, as bpf_ktime_get_ns does", () => {
    const report = run(`SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
	__u64 a = bpf_ktime_get_ns(), b = bpf_ktime_get_boot_ns(), c = bpf_ktime_get_coarse_ns();
	bpf_printk("%d %d", b >= a, c >= b);
	return 1;
}`);
    expect(report.packets[0].printk).toEqual(["1 1"]);
  });
});

describe("pointers through integers", () => {
  it("stay pointers in 64-bit integers, so bpf_printk's packed arguments still print strings", () => {
    const report = run(`SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
	char name[8] = "tail";
	__u64 kept = (__u64)name;
	bpf_printk("%s %s %d %d", name, (char *)kept, 1, 2);
	bpf_printk("%d", kept != 0);
	return 1;
}`);
    expect(report.packets[0].printk).toEqual(["tail tail 1 2", "1"]);
  });
});
