import type { PacketReport, TailCallRecord } from "./report";
import { sameAttempt } from "./tail-call";

const noTailCalls: readonly TailCallRecord[] = Object.freeze([]);

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRecords(a: readonly TailCallRecord[], b: readonly TailCallRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameAttempt(a[i], b[i])) return false;
  return true;
}

function sameFault(a: PacketReport["fault"], b: PacketReport["fault"]): boolean {
  if (a === null || b === null) return a === b;
  return a.message === b.message && a.file === b.file && a.line === b.line;
}

function samePacket(a: PacketReport, b: PacketReport): boolean {
  return (
    a.cpu === b.cpu &&
    a.retval === b.retval &&
    a.steps === b.steps &&
    a.printk === b.printk &&
    a.programs === b.programs &&
    a.tailCalls === b.tailCalls &&
    a.output === undefined &&
    b.output === undefined &&
    a.packetOut === b.packetOut &&
    sameFault(a.fault, b.fault)
  );
}

/**
 * A CPU's last report's lists, copied into plain arrays: the run's own lists are plain arrays,
 * and comparing two of one kind keeps each element load monomorphic. Compared with the frozen
 * shared lists, the loads went through V8's generic keyed load (callgrind: 680 instructions a
 * packet of the seed, a tenth of its whole).
 */
interface LastLists {
  readonly programs: readonly string[];
  readonly printk: readonly string[];
  readonly tailCalls: readonly TailCallRecord[];
}

/** Whether two plain lists hold the same items: used only on plain arrays (see LastLists). */
function samePlainItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Tail-call records compared as `samePlainItems` compares, the same attempt counting as equal. */
function samePlainRecords(a: readonly TailCallRecord[], b: readonly TailCallRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameAttempt(a[i], b[i])) return false;
  return true;
}

/** A node of a trie over sequences of values compared with `Map` key equality. */
class TrieNode<T> {
  readonly children = new Map<unknown, TrieNode<T>>();
  value: T | undefined;
}

function nodeFor<T>(root: TrieNode<T>, path: readonly unknown[]): TrieNode<T> {
  let node = root;
  for (const step of path) {
    let child = node.children.get(step);
    if (!child) {
      child = new TrieNode<T>();
      node.children.set(step, child);
    }
    node = child;
  }
  return node;
}

/**
 * Shares equal parts of packet reports between packets: a million packets of the same chain
 * hold one `programs` array, one set of tail-call records and one copy of each printk line
 * instead of a million. What a run keeps alive is what the garbage collector must copy, and it
 * was a third of a long run's time. Shared arrays are frozen, so no report can change another.
 */
export class ReportInterner {
  private readonly stringLists = new TrieNode<readonly string[]>();
  private readonly records = new TrieNode<TailCallRecord>();
  private readonly recordLists = new TrieNode<readonly TailCallRecord[]>();
  /**
   * The shared copy of the last list of each kind: a stream of packets through one chain mostly
   * repeats the packet before, and comparing with it is cheaper than walking the trie. Only the
   * frozen copy is kept, so a caller may refill its list for the next packet.
   */
  private readonly last = {
    programs: { shared: [] as readonly unknown[] },
    printk: { shared: [] as readonly unknown[] },
    tailCalls: { shared: noTailCalls as readonly unknown[] },
  };

  /** The last report made for each CPU, shared by the packets after it that end the same way. */
  private readonly lastPacket: (PacketReport | undefined)[] = [];
  /** The lists of each CPU's last report, as plain arrays (see LastLists). */
  private readonly lastLists: (LastLists | undefined)[] = [];

  /**
   * A packet's report, or the equal one the packet before it on the same CPU got. A stream of
   * packets through one chain then keeps one report per CPU alive instead of one per packet: in
   * a million-packet run, keeping the reports cost a fifth of the time, in the garbage
   * collector copying them. Only the last report is compared, so packets that all end
   * differently cost one comparison each, and no table grows with them. The parts must already
   * be shared (from `printk`, `programs` and `tailCalls`), as identity is what is compared.
   */
  packet(report: PacketReport): PacketReport {
    const last = this.lastPacket[report.cpu];
    if (last !== undefined && samePacket(last, report)) return last;
    const shared = Object.freeze(report);
    this.lastPacket[report.cpu] = shared;
    // A packet that ends differently mostly differs in its value or packet, not its lists:
    // the plain copies of the lists before serve again (the lists are shared, so identity says).
    if (
      last === undefined ||
      last.programs !== shared.programs ||
      last.printk !== shared.printk ||
      last.tailCalls !== shared.tailCalls
    )
      this.lastLists[report.cpu] = {
        programs: shared.programs.slice(),
        printk: shared.printk.slice(),
        tailCalls: shared.tailCalls.slice(),
      };
    return shared;
  }

  /**
   * The last report of this CPU when a packet that ended without a fault, records or a changed
   * packet ends as it did, compared with the run's own lists: the common case of a long run
   * then builds and interns nothing. Null when it differs (build the report and call `packet`).
   */
  repeat(
    cpu: number,
    retval: number,
    steps: number,
    printk: readonly string[],
    programs: readonly string[],
    tailCalls: readonly TailCallRecord[],
  ): PacketReport | null {
    const last = this.lastPacket[cpu];
    const lists = this.lastLists[cpu];
    return last !== undefined &&
      lists !== undefined &&
      last.retval === retval &&
      last.steps === steps &&
      last.fault === null &&
      last.output === undefined &&
      last.packetOut === undefined &&
      samePlainItems(lists.programs, programs) &&
      // Most packets print nothing: no call to compare two empty lists.
      (printk.length === 0 ? lists.printk.length === 0 : samePlainItems(lists.printk, printk)) &&
      samePlainRecords(lists.tailCalls, tailCalls)
      ? last
      : null;
  }

  programs(list: readonly string[]): readonly string[] {
    return this.repeated(this.last.programs, list, sameItems, this.internStrings);
  }

  printk(list: readonly string[]): readonly string[] {
    return this.repeated(this.last.printk, list, sameItems, this.internStrings);
  }

  /** `strings` and `internRecords` as functions made once (a closure per call was garbage per packet). */
  private readonly internStrings = (list: readonly string[]) => this.strings(list);
  private readonly internRecordList = (list: readonly TailCallRecord[]) => this.internRecords(list);

  /** Program names or printk lines. */
  strings(list: readonly string[]): readonly string[] {
    const node = nodeFor(this.stringLists, list);
    node.value ??= Object.freeze(list.slice());
    return node.value;
  }

  tailCalls(list: readonly TailCallRecord[]): readonly TailCallRecord[] {
    if (list.length === 0) return noTailCalls;
    return this.repeated(this.last.tailCalls, list, sameRecords, this.internRecordList);
  }

  private repeated<T>(
    memo: { shared: readonly unknown[] },
    list: readonly T[],
    same: (a: readonly T[], b: readonly T[]) => boolean,
    intern: (list: readonly T[]) => readonly T[],
  ): readonly T[] {
    if (same(memo.shared as readonly T[], list)) return memo.shared as readonly T[];
    const shared = intern(list);
    memo.shared = shared;
    return shared;
  }

  private internRecords(list: readonly TailCallRecord[]): readonly TailCallRecord[] {
    const shared = list.map((record) => this.record(record));
    const node = nodeFor(this.recordLists, shared);
    node.value ??= Object.freeze(shared);
    return node.value;
  }

  private record(record: TailCallRecord): TailCallRecord {
    const node = nodeFor(this.records, [record.from, record.map, record.key, record.outcome, record.to]);
    // A frozen record (a tail-call site's, kept for its next attempt) is shared as it is, so the
    // site's next equal record is the very same object and compares by identity.
    node.value ??= Object.isFrozen(record) ? record : Object.freeze({ ...record });
    return node.value;
  }
}
