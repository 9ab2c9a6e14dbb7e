import type { TailCallRecord } from "./machine-state";

const noTailCalls: readonly TailCallRecord[] = Object.freeze([]);

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

  /** Program names or printk lines. */
  strings(list: readonly string[]): readonly string[] {
    const node = nodeFor(this.stringLists, list);
    node.value ??= Object.freeze(list.slice());
    return node.value;
  }

  tailCalls(list: readonly TailCallRecord[]): readonly TailCallRecord[] {
    if (list.length === 0) return noTailCalls;
    const shared = list.map((record) => this.record(record));
    const node = nodeFor(this.recordLists, shared);
    node.value ??= Object.freeze(shared);
    return node.value;
  }

  private record(record: TailCallRecord): TailCallRecord {
    const node = nodeFor(this.records, [record.from, record.map, record.key, record.outcome, record.to]);
    node.value ??= Object.freeze({ ...record });
    return node.value;
  }
}
