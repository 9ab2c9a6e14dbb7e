import { compile, Session } from "../src/engine";
import { generatePackets } from "../src/engine/packets";
import { recordRun } from "../src/engine/sim/recording";
import { type Figure, median } from "./measure";
import { seedFiles } from "./seed";

/**
 * Issue 6's targets: 100,000 packets of the seed chain over 8 CPUs fully traced in under 2 s and
 * 300 MB; `seek` to any step in under 20 ms. TAILSCOPE_BENCH_TRACED lowers the packet count for
 * a quick look (the time is then scaled to 100,000).
 */
export function benchTrace(): Figure[] {
  const files = seedFiles();
  const { program, object } = compile({ files, main: "programs.bpf.c" });
  if (!program || !object) throw new Error("the seed does not compile");
  const count = Number(process.env.TAILSCOPE_BENCH_TRACED ?? 100_000);
  const packets = generatePackets({ count, cpu: "round-robin", seed: 1, template: "ipv4-udp" }, 8);
  globalThis.gc?.();
  // Typed arrays (the trace's columns) live outside the JS heap: count both.
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  const heapBefore = held();
  const start = performance.now();
  const travel = recordRun(program, object, { cpus: 8, entry: "egress1", packets });
  const seconds = (performance.now() - start) / 1000;
  globalThis.gc?.();
  const megabytes = (held() - heapBefore) / 2 ** 20;
  const seeks: number[] = [];
  let state = 12345;
  for (let i = 0; i < 200; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    const step = state % (travel.totalSteps + 1);
    const t0 = performance.now();
    travel.seek(step);
    seeks.push(performance.now() - t0);
  }
  seeks.sort((a, b) => a - b);
  // A Run as the app makes it: the build it already has, one recorded pass over the packets.
  const built = compile({ files, main: "programs.bpf.c" });
  let passes = 0;
  const runStart = performance.now();
  const started = Session.start(
    {
      files,
      main: "programs.bpf.c",
      cpus: 8,
      packets: { count, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    },
    { record: true, built, onProgress: (done) => void (done === 0 && passes++) },
  );
  const runSeconds = (performance.now() - runStart) / 1000;
  if (!started.ok) throw new Error("the seed does not run");
  return [
    {
      name: "session: a Run in the app, passes over the packets (build reused, recorded once)",
      value: passes,
      unit: "passes",
      target: 1,
    },
    {
      name: `session: a Run in the app, seed, 100k packets over 8 CPUs (measured ${count.toLocaleString("en")})`,
      value: (runSeconds * 100_000) / count,
      unit: "s",
      target: 2,
    },
    {
      name: `trace: seed, 100k packets over 8 CPUs, traced (measured ${count.toLocaleString("en")})`,
      value: (seconds * 100_000) / count,
      unit: "s",
      target: 2,
    },
    {
      name: "trace: memory held by the run, trace and checkpoints (heap + typed arrays)",
      value: megabytes,
      unit: "MB",
      target: 300,
    },
    { name: "trace: seek to a random step, median", value: median(seeks), unit: "ms" },
    {
      name: "trace: seek to a random step, worst of 200",
      value: seeks[seeks.length - 1],
      unit: "ms",
      target: 20,
    },
  ];
}
