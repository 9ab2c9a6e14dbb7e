import { Session } from "../src/engine";
import { type Figure, median } from "./measure";
import { seedFiles } from "./seed";

/**
 * Issue 16's targets, on the 100,000-packet traced seed run (8 CPUs): a `why` answer under
 * 50 ms, a watch over the whole run under 1 s, a logpoint over the whole run under 1 s.
 */
export function benchDebugging(): Figure[] {
  const files = seedFiles();
  const main = "programs.bpf.c";
  const cpus = 8;
  const count = 100_000;
  const started = Session.start(
    { files, main, cpus, packets: { count, cpu: "round-robin", seed: 1, template: "ipv4-udp" } },
    { record: true },
  );
  if (!started.ok) throw new Error("the seed does not run");
  const session = started.session;
  const lines = files[main].split("\n");
  const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;

  // Questions spread over the run: each a different packet and CPU's copy.
  const answers: number[] = [];
  for (let i = 0; i < 40; i++) {
    const packet = Math.floor(((i + 0.5) / 40) * count);
    const t0 = performance.now();
    const result = session.whyAfterPacket(
      { kind: "map", map: "tail_context_map", key: "00000000", cpu: packet % cpus, field: "value_from_2" },
      packet,
    );
    answers.push(performance.now() - t0);
    if (!result.ok || result.answer.writer === null) throw new Error("why found no writer on the seed");
  }
  answers.sort((a, b) => a - b);

  const watchStart = performance.now();
  const watched = session.watch("tail_context_map[0]@3.value_from_1", null);
  const watchMs = performance.now() - watchStart;
  if (!watched.ok || watched.lane.changes.length < count / cpus) throw new Error("the watch missed changes");

  const logpointStart = performance.now();
  const logged = session.logpoints([
    {
      file: main,
      line: lineOf('bpf_printk("[egress3] first=%d'),
      format: "cpu=%u first=%u",
      args: ["bpf_get_smp_processor_id()", "ctx2->value_from_1"],
    },
  ]);
  const logpointMs = performance.now() - logpointStart;
  if (logged.hits.length !== count)
    throw new Error(`the logpoint printed ${logged.hits.length} lines, not ${count}`);

  return [
    {
      name: "debugging: why on the 100k-packet traced seed, median of 40",
      value: median(answers),
      unit: "ms",
    },
    {
      name: "debugging: why on the 100k-packet traced seed, worst of 40",
      value: answers[answers.length - 1],
      unit: "ms",
      target: 50,
    },
    {
      name: "debugging: a watch of one per-CPU cell over the whole run",
      value: watchMs,
      unit: "ms",
      target: 1000,
    },
    {
      name: "debugging: a logpoint over the whole run (100,000 lines)",
      value: logpointMs,
      unit: "ms",
      target: 1000,
    },
  ];
}
