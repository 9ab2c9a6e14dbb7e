import type { ProgramType } from "../loader/sections";
import type { Packet } from "../sim/packets";
import { SeededRandom } from "../sim/random";
import { ContextBuilder } from "./context-builder";
import { type ChainCursor, type Machine, NS_PER_STATEMENT } from "./machine";
import {
  NS_BETWEEN_PACKETS,
  NS_PER_PRINTK,
  type PacketReport,
  PROGRESS_EVERY,
  type ProgressListener,
  reportOf,
  startRun,
} from "./packet-run";
import { RuntimeFault } from "./values";

/**
 * The interleaved schedule: every CPU works through its own queue at once. Each CPU has a
 * virtual clock; the CPU whose clock is earliest runs its next statement, which costs
 * NS_PER_STATEMENT plus a seeded jitter, so the same seed always gives the same interleaving
 * and another seed another one. Packets still start in their global order (a packet waits
 * while an earlier one waits for its CPU), so control-plane actions keep their meaning.
 * The unit is a statement: a statement, and a bpf2bpf call inside it, runs without a break,
 * so a race shows between statements (`v = *p; … *p = v + 1;`), not inside `*p += 1`.
 */
export function runInterleaved(
  machine: Machine,
  packets: readonly Packet[],
  entry: string,
  type: ProgramType,
  seed: number,
  beforePacket: (index: number) => void,
  onProgress?: ProgressListener,
): PacketReport[] {
  const random = new SeededRandom(seed);
  const reports: PacketReport[] = new Array(packets.length);
  // Each CPU needs its own context: CPUs run their packets at the same time.
  const contexts = Array.from({ length: machine.cpus }, () => new ContextBuilder(type));
  const clocks: number[] = new Array(machine.cpus).fill(machine.clock);
  const running: (ChainCursor | null)[] = new Array(machine.cpus).fill(null);
  let nextToStart = 0;
  let finished = 0;

  const finish = (cpu: number, cursor: ChainCursor, result: Parameters<typeof reportOf>[1]) => {
    reports[cursor.run.index] = reportOf(cursor.run, result);
    clocks[cpu] += NS_PER_PRINTK * cursor.run.printk.length;
    running[cpu] = null;
    finished++;
    if (onProgress && finished % PROGRESS_EVERY === 0) onProgress(finished, packets.length);
  };

  while (finished < packets.length) {
    while (nextToStart < packets.length && running[packets[nextToStart].cpu] === null) {
      const packet = packets[nextToStart];
      beforePacket(nextToStart);
      clocks[packet.cpu] = Math.max(clocks[packet.cpu], machine.clock) + NS_BETWEEN_PACKETS;
      const run = startRun(machine, contexts[packet.cpu], nextToStart, packet);
      running[packet.cpu] = machine.startChain(run, entry);
      nextToStart++;
    }
    const cpu = earliest(clocks, running, random);
    const cursor = running[cpu] as ChainCursor;
    machine.clock = clocks[cpu];
    try {
      machine.step(cursor);
    } catch (error) {
      if (!(error instanceof RuntimeFault)) throw error;
      finish(cpu, cursor, error);
      continue;
    }
    clocks[cpu] = machine.clock + random.below(NS_PER_STATEMENT);
    if (cursor.done) finish(cpu, cursor, cursor.result);
  }
  return reports;
}

/** The running CPU whose clock is earliest; a tie goes to a seeded pick. */
function earliest(
  clocks: readonly number[],
  running: readonly (ChainCursor | null)[],
  random: SeededRandom,
): number {
  let best = -1;
  let ties = 0;
  for (let cpu = 0; cpu < clocks.length; cpu++) {
    if (running[cpu] === null) continue;
    if (best < 0 || clocks[cpu] < clocks[best]) {
      best = cpu;
      ties = 1;
    } else if (clocks[cpu] === clocks[best] && random.below(++ties) === 0) best = cpu;
  }
  return best;
}
