// The verifier stage. Every rule here also has a kernel-checked pair under
// test/conformance/cases/verify-*; these tests pin the lines and explanations.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type Diagnostic } from "../../src/engine";
import { caseSources } from "../conformance/sources";

function filesOf(dir: string): Record<string, string> {
  const path = join(import.meta.dirname, "..", dir);
  return Object.fromEntries(
    readdirSync(path)
      .filter((name) => /\.(c|h)$/.test(name))
      .map((name) => [name, readFileSync(join(path, name), "utf8")]),
  );
}

function verifyErrors(files: Record<string, string>, main: string): Diagnostic[] {
  return compile({ files, main }).diagnostics.filter((d) => d.stage === "verify");
}

const prelude =
  '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\n';
const single = (source: string) => verifyErrors({ "prog.bpf.c": prelude + source }, "prog.bpf.c");
const lookupMap = `struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } h SEC(".maps");\n`;

describe("the seed, defect by defect (kernel-facts §6.2)", () => {
  it("as published, syntax fixed: each program reads the 1-byte global key as 4 bytes", () => {
    const errors = verifyErrors(caseSources("verify-seed-u8-key"), "seed.bpf.c");
    expect(errors.map((d) => [d.file, d.line, d.message])).toEqual([
      ["programs.h", 12, "invalid access to map value, value_size=1 off=0 size=4"],
      ["programs.h", 28, "invalid access to map value, value_size=1 off=0 size=4"],
      ["programs.h", 48, "invalid access to map value, value_size=1 off=0 size=4"],
    ]);
  });

  it("with a 4-byte key: ctx2 is used unchecked in all three programs, and the explanation names both pointers", () => {
    const errors = verifyErrors(caseSources("verify-seed-null-check"), "seed.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [18, "R0 invalid mem access 'map_value_or_null'"],
      [34, "R0 invalid mem access 'map_value_or_null'"],
      [54, "R0 invalid mem access 'map_value_or_null'"],
    ]);
    for (const error of errors) {
      expect(error.explanation).toContain("'ctx2'");
      expect(error.explanation).toContain("tests 'ctx', which is never NULL");
    }
  });

  it("fixed: nothing to say", () => {
    const lesson = join("..", "src", "lessons", "01-seed-fixed");
    expect(verifyErrors(filesOf(lesson), "programs.bpf.c")).toEqual([]);
  });
});

describe("NULL checks the verifier understands", () => {
  it.each([
    ["if (!v) return 1; return *v & 1;"],
    ["if (v == NULL) return 1; return *v & 1;"],
    ["if (v) return *v & 1; return 1;"],
    ["return v && *v ? 1 : 0;"],
    ["return v ? (*v & 1) : 0;"],
    ["__u64 *w = v; if (!w) return 1; return *v & 1;"],
  ])("%s", (body) => {
    expect(
      single(
        `${lookupMap}SEC("tc") int f(struct __sk_buff *skb) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&h, &k); ${body} }`,
      ),
    ).toEqual([]);
  });

  it("a check on one path does not cover the other", () => {
    const errors = single(
      `${lookupMap}SEC("tc") int f(struct __sk_buff *skb) {\n__u32 k = 0;\n__u64 *v = bpf_map_lookup_elem(&h, &k);\nif (skb->len > 10 && !v) return 1;\nreturn *v & 1;\n}`,
    );
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [9, "R0 invalid mem access 'map_value_or_null'"],
    ]);
  });
});

describe("other rules", () => {
  it("a return value outside cgroup_skb egress's [0, 3]", () => {
    const [error] = single(`SEC("cgroup_skb/egress") int f(struct __sk_buff *skb) { return 5; }`);
    expect(error.message).toBe(
      "At program exit the register R0 has smin=5 smax=5 should have been in [0, 3]",
    );
  });

  it("an unbounded u32 returned from ingress", () => {
    const [error] = single(`SEC("cgroup_skb/ingress") int f(struct __sk_buff *skb) { return skb->len; }`);
    expect(error.message).toBe(
      "At program exit the register R0 has smin=0 smax=4294967295 should have been in [0, 1]",
    );
  });

  it("bounds narrowed by a branch", () => {
    expect(
      single(
        `SEC("cgroup_skb/egress") int f(struct __sk_buff *skb) { __u32 v = skb->len; if (v > 3) return 0; return v; }`,
      ),
    ).toEqual([]);
  });

  it("writing a read-only context field", () => {
    const [error] = single(
      `SEC("cgroup_skb/egress") int f(struct __sk_buff *skb) { skb->len = 0; return 1; }`,
    );
    expect(error.message).toBe("invalid bpf_context access off=0 size=4");
  });

  it("reading bpf_tail_call's result, but not merely storing it", () => {
    const prog = `struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 1); __uint(key_size, 4); __uint(value_size, 4); } j SEC(".maps");\n`;
    expect(
      single(
        `${prog}SEC("tc") int f(struct __sk_buff *skb) { long r = bpf_tail_call(skb, &j, 0); return 1; }`,
      ),
    ).toEqual([]);
    const [error] = single(
      `${prog}SEC("tc") int f(struct __sk_buff *skb) { long r = bpf_tail_call(skb, &j, 0); return r; }`,
    );
    expect(error.message).toBe("R0 !read_ok");
  });

  it("a packet read beyond what a data_end check proved", () => {
    const [error] = single(
      `SEC("xdp") int f(struct xdp_md *x) { void *d = (void *)(long)x->data; void *e = (void *)(long)x->data_end; if (d + 14 > e) return 1; return ((__u8 *)d)[20]; }`,
    );
    expect(error.message).toBe("invalid access to packet, off=20 size=1, R1(id=0,off=20,r=14)");
  });

  it("a helper the program type cannot call", () => {
    const [error] = single(
      `SEC("xdp") int f(struct xdp_md *x) { __u32 w; bpf_skb_load_bytes(x, 0, &w, 4); return 2; }`,
    );
    expect(error.message).toBe("program of this type cannot use helper bpf_skb_load_bytes#26");
  });

  it("a loop that comes back unchanged is infinite; one with a counter is not", () => {
    const [error] = single(
      `SEC("cgroup_skb/egress") int f(struct __sk_buff *skb) {\nvolatile int spin = 1;\nwhile (spin)\n;\nreturn 1;\n}`,
    );
    expect([error.line, error.message]).toEqual([6, "infinite loop detected"]);
  });

  it("clang's 512-byte stack limit, at the function's name", () => {
    const errors = compile({
      files: {
        "prog.bpf.c": `${prelude}SEC("xdp") int big(struct xdp_md *x) { volatile char buf[600]; buf[1] = 2; return buf[1]; }`,
      },
      main: "prog.bpf.c",
    }).diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.line, d.column, d.message])).toEqual([
      [
        4,
        16,
        "Looks like the BPF stack limit of 512 bytes is exceeded. Please move large on stack variables into BPF per-cpu array map.",
      ],
    ]);
  });

  it("a tail call from a subprogram under 304 bytes of caller stack", () => {
    const prog = `struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 1); __uint(key_size, 4); __uint(value_size, 4); } j SEC(".maps");\n`;
    const source = (bytes: number) =>
      `${prog}static __noinline int jump(struct __sk_buff *skb) { bpf_tail_call(skb, &j, 0); return 0; }\nSEC("tc") int f(struct __sk_buff *skb) { volatile char buf[${bytes}]; buf[0] = 1; return jump(skb) + buf[0]; }`;
    expect(single(source(300)).map((d) => d.message)).toEqual([
      "tail_calls are not allowed when call stack of previous frames is 304 bytes. Too large",
    ]);
    expect(single(source(200))).toEqual([]);
  });

  it("loops: bounds that keep changing are let go rather than guessed", () => {
    expect(
      single(
        `SEC("cgroup_skb/egress") int f(struct __sk_buff *skb) { __u32 n = 0; for (int i = 0; i < 10; i++) n += i; return n & 1; }`,
      ),
    ).toEqual([]);
  });
});

describe("bpf2bpf calls: 8 frames and 512 bytes of stack for a chain (check_max_stack_depth)", () => {
  it("refuses a function that calls itself, at the call, even when the values would end it", () => {
    const errors = verifyErrors(caseSources("verify-recursion"), "prog.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [13, "the call stack of 8 frames is too deep !"],
    ]);
    expect(errors[0].explanation).toContain("down → down");
  });

  it("refuses mutual recursion too, naming the cycle", () => {
    const errors = single(`
static __noinline int pong(int n);
static __noinline int ping(int n) { if (n <= 0) return 0; return pong(n - 1); }
static __noinline int pong(int n) { if (n <= 0) return 1; return ping(n - 1); }
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { return ping(skb->len & 3) & 1; }`);
    expect(errors.map((d) => d.message)).toEqual(["the call stack of 8 frames is too deep !"]);
    expect(errors[0].explanation).toMatch(/ping → pong → ping|pong → ping → pong/);
  });

  it("refuses a ninth nested frame and accepts eight", () => {
    const errors = verifyErrors(caseSources("verify-call-depth"), "prog.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([[8, "the call stack of 9 frames is too deep"]]);
    expect(errors[0].explanation).toContain("entry → f1 → f2 → f3 → f4 → f5 → f6 → f7 → f8");
    const eight = caseSources("verify-call-depth")["prog.bpf.c"].replace(
      "return f8(x + 7) * 5 + 2;",
      "return x * 5 + 2;",
    );
    expect(verifyErrors({ "prog.bpf.c": eight }, "prog.bpf.c")).toEqual([]);
  });

  it("refuses a chain whose frames hold more than 512 bytes together", () => {
    const errors = verifyErrors(caseSources("verify-combined-stack"), "prog.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [20, "combined stack size of 2 calls is 608. Too large"],
    ]);
  });

  it("accepts a self call clang makes a loop: the whole value of a return, or beside an accumulating operator", () => {
    expect(verifyErrors(caseSources("tail-recursion-as-loop"), "prog.bpf.c")).toEqual([]);
  });

  it("keeps the call when a local lives in memory, or the other operand reads memory or calls", () => {
    const inMemory = single(`${lookupMap}
static __noinline int sum(int n) {
  __u32 key = n;
  __u64 *v = bpf_map_lookup_elem(&h, &key);
  if (n <= 0 || !v) return 0;
  return sum(n - 1);
}
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { return sum(3) & 1; }`);
    expect(inMemory.map((d) => d.message)).toEqual(["the call stack of 8 frames is too deep !"]);
    const twice = single(`
static __noinline int fib(int n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { return fib(skb->len & 7) & 1; }`);
    expect(twice.map((d) => d.message)).toEqual(["the call stack of 8 frames is too deep !"]);
    const printing = single(`
static __noinline int noisy(int n) { if (n <= 0) return 0; return noisy(n - 1) + bpf_get_prandom_u32(); }
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { return noisy(3) & 1; }`);
    expect(printing.map((d) => d.message)).toEqual(["the call stack of 8 frames is too deep !"]);
  });
});

describe("context accesses at computed offsets (check_ptr_off_reg)", () => {
  it("refuses cb[] at a computed index: clang puts the field's offset in the register", () => {
    const errors = verifyErrors(caseSources("verify-ctx-variable-index"), "prog.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [12, "dereference of modified ctx ptr off=48 disallowed"],
    ]);
  });

  it("prints a computed offset as the bits the verifier knows of it", () => {
    const errors = verifyErrors(caseSources("verify-ctx-variable-offset"), "prog.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [12, "variable ctx access var_off=(0x0; 0x4) disallowed"],
    ]);
    const wider = single(`SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
  __u32 *words = (__u32 *)skb;
  return words[(skb->len & 6) + 1] & 1;
}`);
    expect(wider.map((d) => d.message)).toEqual(["variable ctx access var_off=(0x0; 0x18) disallowed"]);
  });

  it("keeps a computed context pointer in a local through a loop", () => {
    const errors = single(`SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
  __u32 *at = (__u32 *)skb + (skb->len & 1);
  int i, sum = 0;
  for (i = 0; i < 4; i++)
    sum += i;
  return (sum + *at) & 1;
}`);
    expect(errors.map((d) => d.message)).toEqual(["variable ctx access var_off=(0x0; 0x4) disallowed"]);
  });

  it("accepts constant indexes, however they are written", () => {
    expect(
      single(`SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
  __u32 slot = 2;
  skb->cb[slot] = 1;
  skb->cb[slot + 1] = skb->cb[0];
  return 1;
}`),
    ).toEqual([]);
  });
});

describe("map values at computed offsets (check_mem_region_access)", () => {
  it("refuses an index nothing bounds, and one bounded one slot too far, at the access", () => {
    expect(
      verifyErrors(caseSources("verify-map-value-unbounded-index"), "prog.bpf.c").map((d) => [
        d.line,
        d.message,
      ]),
    ).toEqual([[26, "unbounded memory access, make sure to bounds check any such access"]]);
    expect(
      verifyErrors(caseSources("verify-map-value-off-by-one-bound"), "prog.bpf.c").map((d) => [
        d.line,
        d.message,
      ]),
    ).toEqual([[28, "invalid access to map value, value_size=64 off=64 size=8"]]);
  });

  it("accepts an index bounded by a check, a mask or a loop", () => {
    expect(verifyErrors(caseSources("map-value-bounded-index"), "prog.bpf.c")).toEqual([]);
  });

  it("adds a constant part of the index to the fixed offset, and refuses when even the smallest is out", () => {
    const errors = single(`
struct pair { __u32 a[4]; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct pair); } pairs SEC(".maps");
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
  __u32 zero = 0;
  struct pair *p = bpf_map_lookup_elem(&pairs, &zero);
  if (!p) return 1;
  __u32 i = skb->len & 1;
  p->a[i + 4] = 1;
  return 1;
}`);
    expect(errors.map((d) => d.message)).toEqual([
      "invalid access to map value, value_size=16 off=16 size=4",
    ]);
  });
});

describe("skb->sk (sock_common_or_null)", () => {
  it("must be checked against NULL before it is read through", () => {
    const errors = verifyErrors(caseSources("verify-skb-sk-unchecked"), "prog.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [11, "invalid mem access 'sock_common_or_null'"],
    ]);
  });

  it("gives only the fields every socket has, once checked", () => {
    const errors = verifyErrors(caseSources("verify-skb-sk-full-socket-field"), "prog.bpf.c");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [13, "invalid sock_common access off=12 size=4"],
    ]);
    expect(verifyErrors(caseSources("skb-socket-fields"), "prog.bpf.c")).toEqual([]);
  });
});

describe("GNU atomics narrower than 64 bits, as clang 14 compiles them for BPF", () => {
  const atomic = (declaration: string, statement: string) =>
    single(`${declaration}\nSEC("xdp") int entry(struct xdp_md *ctx) { ${statement} return XDP_PASS; }`);
  const typeErrors = (source: string) =>
    compile({ files: { "prog.bpf.c": prelude + source }, main: "prog.bpf.c" })
      .diagnostics.filter((d) => d.severity === "error")
      .map((d) => d.message);

  it("keeps a 32-bit add whose result is unused, and every 64-bit one", () => {
    expect(
      atomic(
        "__u32 n; __u64 w;",
        "__sync_fetch_and_add(&n, 1); (void)__sync_add_and_fetch(&n, 2); __sync_fetch_and_xor(&w, 3);",
      ),
    ).toEqual([]);
    expect(
      typeErrors(
        '__u32 n; __u64 w;\nSEC("xdp") int entry(struct xdp_md *ctx) { __sync_fetch_and_add(&n, 1); return __sync_fetch_and_sub(&w, 1) & 1; }',
      ),
    ).toEqual([]);
  });

  it("refuses a 32-bit add whose result is read, a 32-bit subtract, and any other narrow one", () => {
    const src = (statement: string) =>
      typeErrors(
        `__u32 n; __u8 b;\nSEC("xdp") int entry(struct xdp_md *ctx) { ${statement} return XDP_PASS; }`,
      );
    expect(src("if (__sync_fetch_and_add(&n, 1)) return XDP_DROP;")).toEqual([
      "Invalid usage of the XADD return value",
    ]);
    expect(src("__sync_fetch_and_sub(&n, 1);")).toEqual(["Cannot select: a 32-bit atomic subtract"]);
    expect(src("__sync_fetch_and_add(&b, 1);")).toEqual([
      "Unsupported atomic operations, please use 64 bit version",
    ]);
    expect(src("__sync_val_compare_and_swap(&n, 1, 2);")).toEqual([
      "Unsupported atomic operations, please use 64 bit version",
    ]);
  });
});
