import { compile } from "../src/engine";
import { generateProgram } from "./generate";
import { type Figure, median } from "./measure";
import { seedFiles } from "./seed";

function timeCompile(files: Record<string, string>, main: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    compile({ files, main });
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Seven frames (entry, f2 … f8) of functions that each call the next ten times: a million paths
 * through the calls, which the verifier's walks of the call graph must not follow one by one
 * (they once took 1.5 s here).
 */
function wideCallGraph(): string {
  const lines = [
    "#include <vmlinux.h>",
    "#include <bpf/bpf_helpers.h>",
    'char LICENSE[] SEC("license") = "GPL";',
    "static __noinline int f8(int x) { return x + 1; }",
  ];
  for (let level = 7; level >= 1; level--) {
    const calls = Array.from({ length: 10 }, (_, i) => `f${level + 1}(x + ${i})`).join(" + ");
    lines.push(`static __noinline int f${level}(int x) { return ${calls}; }`);
  }
  lines.push('SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { return f2(skb->len) & 1; }');
  return lines.join("\n");
}

/** Issue 3's targets: the seed in under 5 ms warm, a 5,000-line program in under 150 ms. */
export function benchFrontEnd(): Figure[] {
  const seed = seedFiles();
  timeCompile(seed, "programs.bpf.c", 200);
  const seedMs = timeCompile(seed, "programs.bpf.c", 200);

  const large = { "large.bpf.c": generateProgram(5000) };
  const result = compile({ files: large, main: "large.bpf.c" });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new Error(`the generated program does not compile: ${errors[0].message} at line ${errors[0].line}`);
  timeCompile(large, "large.bpf.c", 5);
  const largeMs = timeCompile(large, "large.bpf.c", 15);
  const wide = { "wide.bpf.c": wideCallGraph() };
  timeCompile(wide, "wide.bpf.c", 3);
  const wideMs = timeCompile(wide, "wide.bpf.c", 9);
  return [
    { name: "front end: seed example, warm compile", value: seedMs, unit: "ms", target: 5 },
    { name: "front end: generated 5,000-line program", value: largeMs, unit: "ms", target: 150 },
    // Short, so the keystroke budget of the long program holds for it with room to spare.
    { name: "front end: calls branching 10 ways, 7 frames deep", value: wideMs, unit: "ms", target: 150 },
  ];
}
