import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simulate } from "../src/engine";
import type { Figure } from "./measure";

/**
 * Issue 4's target: the seed's three-program chain, 1,000,000 packets over 4 CPUs, sequential,
 * report only, in under 3 s. PACKETS can be lowered through TAILSCOPE_BENCH_PACKETS for a quick
 * look; the figure is then scaled to a million.
 */
export function benchRuntime(): Figure[] {
  const dir = join(import.meta.dirname, "../src/lessons/01-seed-fixed");
  const files = Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
  const packets = Number(process.env.TAILSCOPE_BENCH_PACKETS ?? 1_000_000);
  simulate({
    files,
    main: "programs.bpf.c",
    cpus: 4,
    packets: { count: 2000, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  });
  const start = performance.now();
  const result = simulate({
    files,
    main: "programs.bpf.c",
    cpus: 4,
    packets: { count: packets, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  });
  const seconds = (performance.now() - start) / 1000;
  if (!result.ok) throw new Error("the seed does not run");
  const statements = result.report.packets.reduce((sum, p) => sum + p.steps, 0);
  return [
    {
      name: `runtime: seed chain, 1M packets over 4 CPUs (measured ${packets.toLocaleString("en")})`,
      value: (seconds * 1_000_000) / packets,
      unit: "s",
      target: 3,
    },
    { name: "runtime: statements per second", value: statements / seconds / 1e6, unit: "M/s" },
    // kernel-facts.md §10.3: BPF_PROG_TEST_RUN of the same chain, repeat 1,000,000, took 358–403 ns per run.
    {
      name: "runtime: time per packet vs the kernel's ~380 ns (ratio)",
      value: (seconds * 1e9) / packets / 380,
      unit: "x",
    },
  ];
}
