// Queue, stack, bloom filter and LPM trie semantics (kernel/bpf/queue_stack_maps.c,
// bloom_filter.c, lpm_trie.c); the conformance cases maps-queue-stack, maps-bloom-filter and
// maps-lpm-trie check the same against Linux 6.18.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BloomFilterMap, bloomBits } from "../../src/engine/runtime/maps/bloom-filter";
import { jhash, jhash2 } from "../../src/engine/runtime/maps/jhash";
import { LpmTrieMap } from "../../src/engine/runtime/maps/lpm-trie";
import { QueueStackMap } from "../../src/engine/runtime/maps/queue-stack";
import { E2BIG, EEXIST, EINVAL, ENOENT, ENOSPC, EOPNOTSUPP } from "../../src/engine/target/errno";
import { BPF_ANY, BPF_EXIST, BPF_NOEXIST } from "../../src/engine/target/kernel";

const spec = (typeName: string, keySize: number, valueSize: number, maxEntries: number, extra = 0) => ({
  name: "m",
  typeName,
  keySize,
  valueSize,
  maxEntries,
  flags: 0,
  extra,
});
const u32 = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
const readU32 = (b: Uint8Array) => (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;

describe("QUEUE and STACK", () => {
  it("pop in their own order, refuse a full map unless BPF_EXIST drops the oldest", () => {
    for (const lifo of [false, true]) {
      const map = new QueueStackMap(spec(lifo ? "stack" : "queue", 0, 4, 2), lifo);
      expect(map.push(u32(1), BPF_ANY)).toBe(0);
      expect(map.push(u32(2), BPF_ANY)).toBe(0);
      expect(map.push(u32(3), BPF_ANY)).toBe(-E2BIG);
      expect(map.push(u32(3), BPF_EXIST)).toBe(0);
      const out = new Uint8Array(4);
      expect(map.pop(out)).toBe(0);
      expect(readU32(out)).toBe(lifo ? 3 : 2);
      expect(map.peek(out)).toBe(0);
      expect(readU32(out)).toBe(lifo ? 2 : 3);
    }
  });

  it("zero the destination when empty, and refuse BPF_NOEXIST and unknown flags", () => {
    const map = new QueueStackMap(spec("queue", 0, 4, 2), false);
    const out = Uint8Array.of(9, 9, 9, 9);
    expect(map.pop(out)).toBe(-ENOENT);
    expect([...out]).toEqual([0, 0, 0, 0]);
    expect(map.push(u32(1), BPF_NOEXIST)).toBe(-EINVAL);
    expect(map.push(u32(1), 4n)).toBe(-EINVAL);
    expect(map.userDelete()).toBe(-EINVAL);
  });

  it("behave as a list model for any sequence of pushes and pops, and restore a snapshot", () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 1000 }), exist: fc.boolean() }),
      fc.record({ pop: fc.boolean() }),
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.array(op, { maxLength: 30 }),
        (lifo, max, ops) => {
          const map = new QueueStackMap(spec("queue", 0, 4, max), lifo);
          const model: number[] = [];
          const halfway = Math.floor(ops.length / 2);
          let saved = map.snapshot();
          let savedModel: number[] = [];
          ops.forEach((o, i) => {
            if (i === halfway) {
              saved = map.snapshot();
              savedModel = model.slice();
            }
            if ("push" in o) {
              const full = model.length >= max;
              const result = map.push(u32(o.push), o.exist ? BPF_EXIST : BPF_ANY);
              expect(result).toBe(full && !o.exist ? -E2BIG : 0);
              if (result === 0) {
                if (full) model.shift();
                model.push(o.push);
              }
            } else {
              const out = new Uint8Array(4);
              const expected = lifo ? model.at(-1) : model[0];
              expect((o.pop ? map.pop(out) : map.peek(out)) === 0 ? readU32(out) : undefined).toBe(expected);
              if (o.pop && expected !== undefined) lifo ? model.pop() : model.shift();
            }
            expect(map.entries().map((e) => readU32(e.values[0]))).toEqual(model);
          });
          if (ops.length > 0) {
            map.restore(saved);
            expect(map.entries().map((e) => readU32(e.values[0]))).toEqual(savedModel);
          }
        },
      ),
    );
  });
});

describe("BLOOM_FILTER", () => {
  it("sizes its bits as the kernel does: n × k × 7/5, at least 64, a power of two", () => {
    expect(bloomBits(2, 1)).toBe(64);
    expect(bloomBits(100, 5)).toBe(1024);
    expect(bloomBits(1000, 5)).toBe(8192);
    expect(bloomBits(2 ** 31, 5)).toBe(2 ** 32);
  });

  it("finds every value added, refuses flags, pop and delete", () => {
    const map = new BloomFilterMap(spec("bloom_filter", 0, 4, 100));
    for (let i = 0; i < 50; i++) expect(map.push(u32(i * 7), BPF_ANY)).toBe(0);
    for (let i = 0; i < 50; i++) expect(map.peek(u32(i * 7))).toBe(0);
    expect(map.push(u32(1), BPF_EXIST)).toBe(-EINVAL);
    expect(map.pop()).toBe(-EOPNOTSUPP);
    expect(map.userDelete()).toBe(-EOPNOTSUPP);
    expect(map.entries()).toEqual([]);
  });

  it("hashes with lookup3: the empty input is the initial value, words and bytes agree on a word", () => {
    expect(jhash(new Uint8Array(0), 0)).toBe(0xdeadbeef);
    // jhash2 over one word and jhash over its four bytes start from the same state and take the
    // word into `a`, so they agree.
    const word = Uint8Array.of(1, 2, 3, 4);
    expect(jhash2(word, 7)).toBe(jhash(word, 7));
  });
});

/** An IPv4 LPM key: prefix length then the address's bytes. */
const lpmKey = (length: number, a: number, b: number, c: number, d: number) =>
  Uint8Array.of(length, 0, 0, 0, a, b, c, d);

describe("LPM_TRIE", () => {
  it("finds the longest prefix no longer than the key's own", () => {
    const map = new LpmTrieMap(spec("lpm_trie", 8, 4, 8));
    expect(map.update(lpmKey(8, 10, 0, 0, 0), u32(1), BPF_ANY, 0)).toBe(0);
    expect(map.update(lpmKey(24, 10, 1, 2, 0), u32(3), BPF_ANY, 0)).toBe(0);
    const at = (key: Uint8Array) => {
      const found = map.lookup(key);
      return found ? readU32(found.bytes.subarray(found.start)) : null;
    };
    expect(at(lpmKey(32, 10, 1, 2, 3))).toBe(3);
    expect(at(lpmKey(16, 10, 1, 2, 3))).toBe(1);
    expect(at(lpmKey(32, 11, 1, 2, 3))).toBeNull();
  });

  it("returns the kernel's errors: flags, long prefixes, exact matches, a full trie", () => {
    const map = new LpmTrieMap(spec("lpm_trie", 8, 4, 1));
    expect(map.update(lpmKey(33, 1, 2, 3, 4), u32(1), BPF_ANY, 0)).toBe(-EINVAL);
    expect(map.update(lpmKey(8, 1, 2, 3, 4), u32(1), 4n, 0)).toBe(-EINVAL);
    expect(map.update(lpmKey(8, 1, 2, 3, 4), u32(1), BPF_EXIST, 0)).toBe(-ENOENT);
    expect(map.update(lpmKey(8, 1, 2, 3, 4), u32(1), BPF_NOEXIST, 0)).toBe(0);
    expect(map.update(lpmKey(8, 1, 9, 9, 9), u32(2), BPF_NOEXIST, 0)).toBe(-EEXIST);
    expect(map.update(lpmKey(8, 1, 9, 9, 9), u32(2), BPF_ANY, 0)).toBe(0);
    expect(map.update(lpmKey(16, 1, 2, 0, 0), u32(2), BPF_ANY, 0)).toBe(-ENOSPC);
    expect(map.entries().map((e) => Buffer.from(e.key).toString("hex"))).toEqual(["0800000001090909"]);
    expect(map.delete(lpmKey(16, 1, 2, 0, 0))).toBe(-ENOENT);
    expect(map.delete(lpmKey(8, 1, 0, 0, 0))).toBe(0);
  });

  it("agrees with a brute-force longest match for any prefixes and keys", () => {
    const prefix = fc.record({
      length: fc.integer({ min: 0, max: 16 }),
      bits: fc.integer({ min: 0, max: 0xffff }),
    });
    fc.assert(
      fc.property(
        fc.array(prefix, { maxLength: 12 }),
        fc.array(prefix, { maxLength: 12 }),
        (stored, probes) => {
          const map = new LpmTrieMap(spec("lpm_trie", 6, 4, 64));
          const key = (p: { length: number; bits: number }) =>
            Uint8Array.of(p.length, 0, 0, 0, p.bits >> 8, p.bits & 0xff);
          const mask = (length: number) => (length === 0 ? 0 : (0xffff << (16 - length)) & 0xffff);
          const model = new Map<string, number>();
          stored.forEach((p, i) => {
            map.update(key(p), u32(i), BPF_ANY, 0);
            model.set(`${p.length}/${p.bits & mask(p.length)}`, i);
          });
          for (const probe of probes) {
            let expected: number | null = null;
            for (let length = probe.length; length >= 0 && expected === null; length--)
              expected = model.get(`${length}/${probe.bits & mask(length)}`) ?? null;
            const found = map.lookup(key(probe));
            expect(found ? readU32(found.bytes.subarray(found.start)) : null).toBe(expected);
          }
        },
      ),
    );
  });
});
