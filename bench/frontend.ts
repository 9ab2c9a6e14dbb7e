import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../src/engine";
import { generateProgram } from "./generate";
import { type Figure, median } from "./measure";

function timeCompile(files: Record<string, string>, main: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    compile({ files, main });
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Issue 3's targets: the seed in under 5 ms warm, a 5,000-line program in under 150 ms. */
export function benchFrontEnd(): Figure[] {
  const seedDir = join(import.meta.dirname, "../src/lessons/01-seed-fixed");
  const seed: Record<string, string> = {};
  for (const name of readdirSync(seedDir)) seed[name] = readFileSync(join(seedDir, name), "utf8");
  timeCompile(seed, "programs.bpf.c", 200);
  const seedMs = timeCompile(seed, "programs.bpf.c", 200);

  const large = { "large.bpf.c": generateProgram(5000) };
  const result = compile({ files: large, main: "large.bpf.c" });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new Error(`the generated program does not compile: ${errors[0].message} at line ${errors[0].line}`);
  timeCompile(large, "large.bpf.c", 5);
  const largeMs = timeCompile(large, "large.bpf.c", 15);
  return [
    { name: "front end: seed example, warm compile", value: seedMs, unit: "ms", target: 5 },
    { name: "front end: generated 5,000-line program", value: largeMs, unit: "ms", target: 150 },
  ];
}
