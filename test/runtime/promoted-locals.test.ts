// A whole function keeps a pointer local in a JavaScript variable when its source holds every
// access to it (codegen/promoted-locals.ts); the dispatch loop keeps every local in the stack.
import { describe, expect, it } from "vitest";
import { compile, type RunRequest, Session } from "../../src/engine";
import { Machine } from "../../src/engine/runtime/machine";
import { region } from "../../src/engine/runtime/memory";

const header = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");
`;

/** Packet pointers, a map value, a number and null, each in a pointer local. */
const pointers = `${header}
SEC("tc")
int count(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return 0;
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&counts, &key);
	if (!value)
		return 1;
	*value += 1;
	void *mark = (void *)0x1234;
	bpf_printk("count %llu mark %lx", *value, (long)mark);
	value = 0;
	return value ? 2 : 1;
}
`;

/** Pointer parameters of a subprogram, given a pointer, NULL and a number. */
const parameters = `${header}
static __noinline int pick(void *p, void *q)
{
	return p ? (q ? 3 : 1) : 2;
}

SEC("tc")
int count(struct __sk_buff *skb)
{
	return pick(skb, 0) * 100 + pick(0, skb) * 10 + pick((void *)1, skb);
}
`;

/** The same lookup, with the value pointer's own address taken. */
const addressTaken = `${header}
SEC("tc")
int count(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&counts, &key);
	__u64 **where = &value;
	if (!*where)
		return 1;
	**where += 1;
	return 2;
}
`;

/** A program that never reads its context, and a subprogram that ignores a parameter. */
const unreadParameters = `${header}
static __noinline int second(void *ignored, int value)
{
	return value + 1;
}

SEC("tc")
int count(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&counts, &key);
	if (!value)
		return 1;
	*value += 1;
	return second(0, 4);
}
`;

function request(source: string): RunRequest {
  return {
    files: { "count.bpf.c": source },
    main: "count.bpf.c",
    cpus: 2,
    packets: { count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  };
}

/** The source of a function's whole function, by the function's name (a program or a subprogram). */
function wholeSource(source: string, name: string): string {
  const { program: typed, object } = compile(request(source));
  if (!typed || !object) throw new Error("the program does not compile");
  const machine = new Machine(typed, object, { cpus: 1 });
  const symbol = typed.functions.find((f) => f.name === name && f.definition);
  if (!symbol) throw new Error(`no function ${name}`);
  const fn = machine.compiled(symbol);
  if (!fn?.whole) throw new Error(`${name} has no whole function`);
  return fn.whole.toString();
}

describe("pointer locals in whole functions", () => {
  it("live in variables when the source holds every access", () => {
    const source = wholeSource(pointers, "count");
    // The context parameter starts from its argument; `data`, `data_end`, `eth`, `value` and
    // `mark` from null, as a cleared stack slot reads. No access is left to the stack.
    expect(source).toContain(
      "let p0 = null, p1 = keptArgument(f.args[0]), p2 = null, p3 = null, p4 = null, p5 = null;",
    );
    expect(source).toContain("(p0 = ");
    expect(source).not.toContain("/*p");
  });

  it("stay in the stack when their address is taken", () => {
    const source = wholeSource(addressTaken, "count");
    expect(source).toMatch(/storePointer\(f\.stack, \d+, t\d+ \/\*p0\.0\*\/\)/);
    expect(source).not.toContain("let p0");
  });

  it("start from their arguments when they are parameters", () => {
    expect(wholeSource(parameters, "pick")).toContain(
      "let p0 = keptArgument(f.args[0]), p1 = keptArgument(f.args[1]);",
    );
    const unobserved = Session.start(request(parameters), { record: false });
    const recorded = Session.start(request(parameters), { record: true });
    if (!unobserved.ok || !recorded.ok) throw new Error("the program does not run");
    expect(recorded.session.report).toEqual(unobserved.session.report);
    expect(unobserved.session.report.packets.map((p) => p.retval)).toEqual([123, 123, 123, 123]);
  });

  it("leave a pointer parameter nothing reads out of the stack", () => {
    const { program: typed, object } = compile(request(unreadParameters));
    if (!typed || !object) throw new Error("the program does not compile");
    const machine = new Machine(typed, object, { cpus: 1 });
    for (const name of ["count", "second"]) {
      const symbol = typed.functions.find((f) => f.name === name && f.definition);
      const fn = symbol && machine.compiled(symbol);
      if (!fn?.whole) throw new Error(`${name} has no whole function`);
      // Stored for the dispatch loop, the pointer takes a slot in the stack's pointer table;
      // for the whole function, which never reads it, it is not stored.
      const pointee = region("context", "struct __sk_buff", new Uint8Array(192));
      const args = [pointee.origin, 4];
      const forDispatch = region("stack", "stack", new Uint8Array(512));
      fn.storeArguments(forDispatch, args);
      expect(forDispatch.pointers.size).toBe(1);
      const forWhole = region("stack", "stack", new Uint8Array(512));
      fn.wholeArguments(forWhole, args);
      expect(forWhole.pointers.size).toBe(0);
    }
    const unobserved = Session.start(request(unreadParameters), { record: false });
    const recorded = Session.start(request(unreadParameters), { record: true });
    if (!unobserved.ok || !recorded.ok) throw new Error("the program does not run");
    expect(recorded.session.report).toEqual(unobserved.session.report);
    expect(unobserved.session.report.packets.map((p) => p.retval)).toEqual([5, 5, 5, 5]);
  });

  it.each([
    ["promoted", pointers],
    ["in the stack", addressTaken],
  ])("give the dispatch loop's report (%s)", (_, source) => {
    const unobserved = Session.start(request(source), { record: false });
    const recorded = Session.start(request(source), { record: true });
    if (!unobserved.ok || !recorded.ok) throw new Error("the program does not run");
    expect(recorded.session.report).toEqual(unobserved.session.report);
    const packets = unobserved.session.report.packets;
    expect(packets.map((p) => p.retval)).toEqual(source === pointers ? [1, 1, 1, 1] : [2, 2, 2, 2]);
    if (source === pointers)
      expect(packets.map((p) => p.printk[0])).toEqual([
        "count 1 mark 1234",
        "count 2 mark 1234",
        "count 3 mark 1234",
        "count 4 mark 1234",
      ]);
  });
});
