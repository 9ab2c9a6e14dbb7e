import { spawn } from "node:child_process";
import { join } from "node:path";
import { build } from "esbuild";
import type { Figure } from "./measure";

const root = join(import.meta.dirname, "..");
const seed = join(root, "src/lessons/01-seed-fixed/programs.bpf.c");

/**
 * Issue 18's memory targets, each in a child process of its own: the CLI's `run` of a million
 * seed packets with its JSON report piped on (under 250 MB), ten million at all, and a recorded
 * run of a million packets as the app's worker makes it.
 */
export async function benchMemory(): Promise<Figure[]> {
  const outfile = join(root, ".bench", "memory-child.mjs");
  await build({
    entryPoints: [join(root, "bench", "memory-child.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    packages: "external",
    logLevel: "warning",
  });
  const cli = (packets: number) =>
    child(outfile, ["cli", "run", seed, "--packets", String(packets), "--json"]);
  const million = await cli(1_000_000);
  const tenMillion = await cli(10_000_000);
  const session = await child(outfile, ["session", "1000000"]);
  return [
    {
      name: "memory: CLI run --json, 1M seed packets, piped, peak",
      value: million.megabytes,
      unit: "MB",
      target: 250,
    },
    { name: "memory: CLI run --json, 10M seed packets, peak", value: tenMillion.megabytes, unit: "MB" },
    { name: "memory: CLI run --json, 10M seed packets, time", value: tenMillion.seconds, unit: "s" },
    {
      name: "memory: app worker, recorded run of 1M seed packets, peak",
      value: session.megabytes,
      unit: "MB",
      target: 250,
    },
  ];
}

/** Runs the child, its output read and dropped through a pipe; its peak resident memory and time. */
async function child(script: string, args: string[]): Promise<{ megabytes: number; seconds: number }> {
  const start = performance.now();
  // The report goes through a pipe as it would into another program, read as it comes.
  const running = spawn(process.execPath, [script, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.stdout.resume();
  let errors = "";
  running.stderr.on("data", (data: Buffer) => {
    errors += data.toString();
  });
  const status = await new Promise<number | null>((resolve) => running.on("close", resolve));
  const seconds = (performance.now() - start) / 1000;
  const peak = /maxrss-kb (\d+)/.exec(errors);
  if (status !== 0 || !peak) throw new Error(`the memory child failed (${status}): ${errors}`);
  return { megabytes: Number(peak[1]) / 1024, seconds };
}
