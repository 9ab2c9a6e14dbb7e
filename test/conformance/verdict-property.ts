// A property over generated programs: Tailscope's load verdict is the kernel's. fast-check
// builds small programs of the shapes the verifier model must get right (constants through
// inlined helpers, packet bounds, lookups, loops, licenses, helpers per program type); each is
// compiled by clang and loaded by this kernel, and compiled by Tailscope. Both must load it, or
// both refuse it, Tailscope in words of the kernel's log. A failure is shrunk to the smallest
// program that still disagrees.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { compile, generatePackets } from "../../src/engine";
import { runInKernel } from "./kernel";
import { sayTheSame } from "./log-match";

export interface GeneratedProgram {
  readonly shape: string;
  readonly source: string;
}

type Section = "cgroup_skb/egress" | "cgroup_skb/ingress" | "tc" | "xdp";

const prelude = (license: string) =>
  `#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n\nchar LICENSE[] SEC("license") = "${license}";\n`;

/** The entry's signature and a verdict that loads in every section. */
function entry(section: Section): { head: string; ctx: string; pass: string } {
  const ctx = section === "xdp" ? "ctx" : "skb";
  const type = section === "xdp" ? "struct xdp_md" : "struct __sk_buff";
  return { head: `SEC("${section}")\nint entry(${type} *${ctx})`, ctx, pass: section === "xdp" ? "2" : "1" };
}

const skbSection = fc.constantFrom<Section>("cgroup_skb/egress", "cgroup_skb/ingress", "tc");
const anySection = fc.constantFrom<Section>("cgroup_skb/egress", "cgroup_skb/ingress", "tc", "xdp");
const returned = fc.constantFrom(-1, 0, 1, 2, 3, 4);

/** A constant returned through an inlined helper, or through paths that join. */
const inlinedReturn = fc
  .record({
    section: skbSection,
    above: returned,
    below: returned,
    limit: fc.constantFrom(0, 100),
    joined: fc.boolean(),
  })
  .map(({ section, above, below, limit, joined }): GeneratedProgram => {
    const { head } = entry(section);
    const body = joined
      ? `{\n\tint ret = ${below};\n\tif (skb->len > ${limit})\n\t\tgoto out;\n\tret = ${above};\nout:\n\treturn ret;\n}\n`
      : `{\n\treturn pick(skb->len);\n}\n`;
    const helper = joined
      ? ""
      : `static __always_inline int pick(__u32 v)\n{\n\tif (v > ${limit})\n\t\treturn ${above};\n\treturn ${below};\n}\n\n`;
    return { shape: "return", source: `${prelude("GPL")}\n${helper}${head}\n${body}` };
  });

/** A packet read at a constant offset after a check of some bytes, or through a computed index. */
const packetRead = fc
  .record({
    section: anySection,
    checked: fc.constantFrom(1, 14, 20, 34),
    offset: fc.integer({ min: 0, max: 40 }),
    size: fc.constantFrom(1, 2, 4),
    indexed: fc.constantFrom("no", "unchecked", "checked"),
  })
  .map(({ section, checked, offset, size, indexed }): GeneratedProgram => {
    const { head, ctx, pass } = entry(section);
    const type = `__u${size * 8}`;
    const read =
      indexed === "no"
        ? `\treturn *(${type} *)(data + ${offset}) == 7 ? ${pass} : 0;\n`
        : `\t__u8 *q = (__u8 *)data + (((__u8 *)data)[0] & 0x1f);\n${indexed === "checked" ? `\tif ((void *)(q + ${size}) > end)\n\t\treturn ${pass};\n` : ""}\treturn *(${type} *)q == 7 ? ${pass} : 0;\n`;
    const source = `${prelude("GPL")}\n${head}\n{\n\tvoid *data = (void *)(long)${ctx}->data;\n\tvoid *end = (void *)(long)${ctx}->data_end;\n\n\tif (data + ${checked} > end)\n\t\treturn ${pass};\n${read}}\n`;
    return { shape: "packet", source };
  });

/** A lookup in an array map, checked for NULL or not, read inside its value or past it. */
const lookup = fc
  .record({
    section: anySection,
    checked: fc.boolean(),
    offset: fc.integer({ min: 0, max: 20 }),
    size: fc.constantFrom(1, 4, 8),
  })
  .map(({ section, checked, offset, size }): GeneratedProgram => {
    const { head, pass } = entry(section);
    const map = `struct value {\n\t__u64 a;\n\t__u32 b;\n};\n\nstruct {\n\t__uint(type, BPF_MAP_TYPE_ARRAY);\n\t__uint(max_entries, 1);\n\t__type(key, __u32);\n\t__type(value, struct value);\n} values SEC(".maps");\n\n`;
    const source = `${prelude("GPL")}\n${map}${head}\n{\n\t__u32 key = 0;\n\tstruct value *v = bpf_map_lookup_elem(&values, &key);\n\n${checked ? `\tif (!v)\n\t\treturn ${pass};\n` : ""}\treturn *(__u${size * 8} *)((char *)v + ${offset}) == 7 ? ${pass} : 0;\n}\n`;
    return { shape: "lookup", source };
  });

/** A loop that reads the packet, bounded by a constant, a mask or only skb->len. */
const loop = fc
  .record({
    section: skbSection,
    bound: fc.constantFrom("16", "(skb->len & 0xff)", "skb->len", "300000", "(skb->len & 0x3ffff)"),
    branch: fc.boolean(),
  })
  .map(({ section, bound, branch }): GeneratedProgram => {
    const { head } = entry(section);
    const body = branch ? "\t\tif (b == 0x45)\n\t\t\tn++;\n" : "\t\tn += b;\n";
    const source = `${prelude("GPL")}\n${head}\n{\n\t__u32 n = 0;\n\n\tfor (__u32 i = 0; i < ${bound}; i++) {\n\t\t__u8 b = 0;\n\n\t\tbpf_skb_load_bytes(skb, i, &b, 1);\n${body}\t}\n\treturn n & 1;\n}\n`;
    return { shape: "loop", source };
  });

/** bpf_printk under one license or another. */
const license = fc
  .record({
    section: anySection,
    license: fc.constantFrom("GPL", "Dual BSD/GPL", "GPL v2", "BSD", "Proprietary"),
  })
  .map(({ section, license }): GeneratedProgram => {
    const { head, pass } = entry(section);
    return {
      shape: "license",
      source: `${prelude(license)}\n${head}\n{\n\tbpf_printk("hello");\n\treturn ${pass};\n}\n`,
    };
  });

/** A helper that one program type may call and another may not. */
const helperCalls: readonly ((ctx: string) => string)[] = [
  () => "bpf_get_smp_processor_id()",
  (ctx) => `bpf_get_cgroup_classid(${ctx})`,
  (ctx) => `bpf_get_hash_recalc(${ctx})`,
  (ctx) => `bpf_get_socket_cookie(${ctx})`,
  (ctx) => `bpf_get_socket_uid(${ctx})`,
  (ctx) => `bpf_skb_cgroup_id(${ctx})`,
  () => "bpf_get_current_cgroup_id()",
  () => "bpf_get_numa_node_id()",
  () => "bpf_jiffies64()",
  () => "bpf_ktime_get_tai_ns()",
  (ctx) => `bpf_skb_change_head(${ctx}, 0, 0)`,
  (ctx) => `bpf_skb_pull_data(${ctx}, 0)`,
  (ctx) => `bpf_xdp_adjust_head(${ctx}, 0)`,
];
const helper = fc
  .record({ section: anySection, call: fc.integer({ min: 0, max: helperCalls.length - 1 }) })
  .map(({ section, call }): GeneratedProgram => {
    const { head, ctx, pass } = entry(section);
    const source = `${prelude("GPL")}\n${head}\n{\n\tvolatile __u64 r = ${helperCalls[call](ctx)};\n\n\treturn r == 7 ? 0 : ${pass};\n}\n`;
    return { shape: "helper", source };
  });

export const generatedProgram = fc.oneof(inlinedReturn, packetRead, lookup, loop, license, helper);

/** Where Tailscope and the kernel part on one program, in words; null when they agree. */
export function disagreement(work: string, program: GeneratedProgram): string | null {
  const dir = join(work, "sources", "verdict-property");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "prog.bpf.c"), program.source);
  const packets = generatePackets(
    { count: 1, cpu: "round-robin", seed: 1, template: "ipv4-udp", size: 64 },
    1,
  );
  const kernel = runInKernel(dir, "verdict-property", "prog.bpf.c", "entry", packets, []);
  const { diagnostics } = compile({ files: { "prog.bpf.c": program.source }, main: "prog.bpf.c" });
  const errors = diagnostics.filter((d) => d.severity === "error");
  // Where Tailscope cannot tell (a walk whose length depends on clang's instructions), it says so.
  const undecided = diagnostics.some(
    (d) => d.severity === "warning" && d.message.startsWith("the kernel may refuse"),
  );
  const kernelRefused = kernel.loadError !== undefined;
  if (errors.length === 0)
    return kernelRefused && !undecided
      ? `the kernel refuses it (${kernel.loadError}: ${lastWords(kernel.loadLog)}); Tailscope loads it`
      : null;
  if (!kernelRefused) return `Tailscope refuses it (${errors[0].message}); the kernel loads it`;
  if (kernel.loadError === "clang") return null;
  const verifier = errors.filter((d) => d.stage === "verify");
  const matched = verifier.some((d) =>
    kernel.loadLog?.some((line) => sayTheSame(line, d.message) || otherFailingPath(line, d.message)),
  );
  return verifier.length === 0 || matched
    ? null
    : `Tailscope says "${verifier[0].message}"; the kernel says "${lastWords(kernel.loadLog)}"`;
}

/**
 * Both name one constant that fails the return range: when several paths return failing
 * constants, the kernel names the first its walk meets, which follows clang's branch layout
 * (README: what the verifier model approximates); Tailscope names the first in the source.
 */
function otherFailingPath(line: string, message: string): boolean {
  const form =
    /^At program exit the register R0 has smin=(-?\d+) smax=\1 should have been in (\[\d+, \d+\])$/;
  const [theirs, ours] = [form.exec(line), form.exec(message)];
  return theirs !== null && ours !== null && theirs[2] === ours[2];
}

/** The kernel's message: the log's line before its statistics. */
function lastWords(log: readonly string[] | undefined): string {
  const lines = (log ?? []).filter(
    (l) => l && !/^\d+: |^;|^libbpf|^--|^processed |^verification time|^stack depth/.test(l),
  );
  return lines[lines.length - 1] ?? "(no log)";
}

/**
 * Runs the property `runs` times from `seed`; the problems found, with the shrunk program. Set
 * VERDICT_RUNS and VERDICT_SEED to explore further than CI's fixed seed does.
 */
export function checkVerdicts(work: string, runs: number, seed: number): string[] {
  const result = fc.check(
    fc.property(generatedProgram, (program) => {
      const problem = disagreement(work, program);
      if (problem) throw new Error(problem);
    }),
    { numRuns: runs, seed },
  );
  if (!result.failed) return [];
  const [program] = result.counterexample ?? [];
  return [
    `seed ${seed}: ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance)}`,
    ...(program ? program.source.split("\n").map((line: string) => `  | ${line}`) : []),
  ];
}
