import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulate } from "../src/engine";
import { compile } from "../src/engine/compile";
import { buildFrame } from "../src/engine/packets";
import { ContextBuilder } from "../src/engine/runtime/context-builder";
import { clearProgress, startRun } from "../src/engine/runtime/packet-run";
import { prepareRun } from "../src/engine/runtime/run";
import { missingPrerequisite, prepare, timeInKernel } from "../test/conformance/kernel";
import type { Figure } from "./measure";
import { SEED_DIR, seedFiles } from "./seed";

/**
 * Issue 4's target: the seed's three-program chain, 1,000,000 packets over 4 CPUs, sequential,
 * report only, in under 3 s. PACKETS can be lowered through TAILSCOPE_BENCH_PACKETS for a quick
 * look; the figure is then scaled to a million.
 */
export function benchRuntime(): Figure[] {
  const files = seedFiles();
  const packets = Number(process.env.TAILSCOPE_BENCH_PACKETS ?? 1_000_000);
  const { seconds, report } = timedRun(files, packets);
  const statements = report.packets.reduce((sum, p) => sum + p.steps, 0);
  const perPacketNs = (seconds * 1e9) / packets;
  return [
    {
      name: `runtime: seed chain, 1M packets over 4 CPUs (measured ${packets.toLocaleString("en")})`,
      value: (seconds * 1_000_000) / packets,
      unit: "s",
      target: 3,
    },
    { name: "runtime: statements per second", value: statements / seconds / 1e6, unit: "M/s" },
    ...kernelComparison(SEED_DIR, perPacketNs),
    ...withoutPrintk(files, packets),
  ];
}

/**
 * Issue 18's compute target: the seed chain with its printk lines taken out (printk's cost in
 * the kernel hides everything else), Tailscope's time per packet against the kernel's JIT per
 * run, measured side by side in this run. Target: within 10 times.
 */
function withoutPrintk(files: Record<string, string>, packets: number): Figure[] {
  const quiet = Object.fromEntries(
    Object.entries(files).map(([name, text]) => [
      name,
      text
        .split("\n")
        .filter((line) => !line.includes("bpf_printk"))
        .join("\n"),
    ]),
  );
  const perPacketNs = (timedRun(quiet, packets).seconds * 1e9) / packets;
  const frame = buildFrame("ipv4-udp", 4242);
  const perRepeatNs = repeatedRunNs(quiet, frame, packets);
  const figures: Figure[] = [
    { name: "runtime: seed chain without printk, Tailscope per packet", value: perPacketNs, unit: "ns" },
    {
      name: "runtime: seed chain without printk, Tailscope per run of one packet (the kernel's repeat)",
      value: perRepeatNs,
      unit: "ns",
    },
  ];
  if (missingPrerequisite()) return figures;
  const dir = mkdtempSync(join(tmpdir(), "tailscope-quiet-"));
  for (const [name, text] of Object.entries(quiet)) writeFileSync(join(dir, name), text);
  const kernelNs = timeInKernel(dir, "programs.bpf.c", "egress1", frame, 2_000_000);
  rmSync(dir, { recursive: true, force: true });
  return [
    ...figures,
    { name: "runtime: seed chain without printk, kernel per run (JIT)", value: kernelNs, unit: "ns" },
    {
      name: "runtime: seed chain without printk, Tailscope per packet ÷ kernel per run",
      value: perPacketNs / kernelNs,
      unit: "x",
      target: 10,
    },
    {
      name: "runtime: seed chain without printk, Tailscope per repeated run ÷ kernel per run",
      value: perRepeatNs / kernelNs,
      unit: "x",
    },
  ];
}

/**
 * The chain measured as the kernel's figure is: BPF_PROG_TEST_RUN with `repeat` builds the
 * packet's context once and runs the programs on it again and again. This leaves out what a
 * Tailscope packet costs besides its programs (making the packet, its context, its report), to
 * show how the per-packet figure divides.
 */
function repeatedRunNs(files: Record<string, string>, frame: Uint8Array, repeat: number): number {
  const { program, object } = compile({ files, main: "programs.bpf.c" });
  if (!program || !object) throw new Error("the seed does not compile");
  const packet = { cpu: 0, bytes: frame };
  const scheduler = prepareRun(program, object, { cpus: 1, entry: "egress1", packets: [packet] });
  const { machine } = scheduler;
  const type = object.programs.find((p) => p.name === "egress1")?.kind.type ?? "cgroup_skb";
  const run = startRun(machine, new ContextBuilder(type), 0, packet);
  const runs = (count: number) => {
    for (let i = 0; i < count; i++) machine.runChain(clearProgress(run), "egress1", run.context);
  };
  runs(2000);
  const start = performance.now();
  runs(repeat);
  if (run.programs.length !== 3) throw new Error("the seed's chain did not run whole");
  return ((performance.now() - start) * 1e6) / repeat;
}

/** The seed's chain (or a variant) over 4 CPUs, report only, timed after a short warm-up. */
function timedRun(files: Record<string, string>, packets: number) {
  const run = (count: number) =>
    simulate({
      files,
      main: "programs.bpf.c",
      cpus: 4,
      packets: { count, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    });
  run(2000);
  const start = performance.now();
  const result = run(packets);
  const seconds = (performance.now() - start) / 1000;
  if (!result.ok) throw new Error("the seed does not run");
  return { seconds, report: result.report };
}

/** The same chain in this machine's kernel: BPF_PROG_TEST_RUN with repeat, when root and the toolchain allow. */
function kernelComparison(dir: string, perPacketNs: number): Figure[] {
  const missing = missingPrerequisite();
  if (missing) {
    console.log(`runtime: the kernel's own time is not measured: ${missing}`);
    return [];
  }
  prepare();
  const frame = buildFrame("ipv4-udp", 4242);
  const kernelNs = timeInKernel(dir, "programs.bpf.c", "egress1", frame, 200_000);
  return [
    { name: "runtime: kernel, BPF_PROG_TEST_RUN repeat (ns per run)", value: kernelNs, unit: "ns" },
    { name: "runtime: Tailscope per packet ÷ kernel per run", value: perPacketNs / kernelNs, unit: "x" },
  ];
}
