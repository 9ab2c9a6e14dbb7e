// Map semantics as kernel-facts.md §2 records them (kernel/bpf/arraymap.c, hashtab.c; errno
// values checked on Linux 6.18 there).

import { describe, expect, it } from "vitest";
import { type ProgramKind, programKindOf } from "../../src/engine/loader/sections";
import { ArrayMap } from "../../src/engine/runtime/maps/array";
import { createMap } from "../../src/engine/runtime/maps/create";
import { HashMap } from "../../src/engine/runtime/maps/hash";
import { indexKey } from "../../src/engine/runtime/maps/map";
import { ProgArrayMap } from "../../src/engine/runtime/maps/prog-array";
import { E2BIG, EEXIST, EINVAL, ENOENT } from "../../src/engine/target/errno";
import { BPF_ANY, BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST } from "../../src/engine/target/kernel";

const spec = (typeName: string, keySize: number, valueSize: number, maxEntries: number) => ({
  name: "m",
  typeName,
  keySize,
  valueSize,
  maxEntries,
  flags: 0,
});
const u32 = (n: number) => indexKey(n);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("ARRAY and PERCPU_ARRAY", () => {
  it("exist zeroed from creation; an out-of-range lookup is NULL", () => {
    const map = new ArrayMap(spec("array", 4, 2, 2), false, 2);
    const value = map.lookup(u32(1), 0);
    expect(value && hex(value.bytes.subarray(value.start, value.start + value.size))).toBe("0000");
    expect(map.lookup(u32(2), 0)).toBeNull();
  });

  it("return the kernel's errno for each update flag and delete", () => {
    const map = new ArrayMap(spec("array", 4, 4, 1), false, 1);
    const value = Uint8Array.of(1, 2, 3, 4);
    expect(map.update(u32(0), value, BPF_ANY, 0)).toBe(0);
    expect(map.update(u32(0), value, BPF_EXIST, 0)).toBe(0);
    expect(map.update(u32(0), value, BPF_NOEXIST, 0)).toBe(-EEXIST);
    expect(map.update(u32(1), value, BPF_ANY, 0)).toBe(-E2BIG);
    expect(map.update(u32(0), value, 8n, 0)).toBe(-EINVAL);
    expect(map.delete(u32(0))).toBe(-EINVAL);
  });

  it("refuse BPF_F_LOCK (no value holds a spin lock) after the index and BPF_NOEXIST checks [E]", () => {
    const map = new ArrayMap(spec("array", 4, 4, 1), false, 1);
    const value = Uint8Array.of(1, 2, 3, 4);
    expect(map.update(u32(0), value, BPF_F_LOCK, 0)).toBe(-EINVAL);
    expect(map.update(u32(5), value, BPF_F_LOCK, 0)).toBe(-E2BIG);
    expect(map.update(u32(0), value, BPF_NOEXIST | BPF_F_LOCK, 0)).toBe(-EEXIST);
    expect(map.userUpdate(u32(5), value, BPF_F_LOCK)).toBe(-EINVAL);
  });

  it("give each CPU its own copy, and keep values between packets", () => {
    const map = new ArrayMap(spec("percpu_array", 4, 2, 1), true, 2);
    const cpu1 = map.lookup(u32(0), 1);
    if (!cpu1) throw new Error("lookup failed");
    cpu1.bytes.set([0x0b, 0x16], cpu1.start);
    const [entry] = map.entries();
    expect(entry.values.map(hex)).toEqual(["0000", "0b16"]);
    expect(map.lookup(u32(0), 1)?.bytes[cpu1.start]).toBe(0x0b);
  });

  it("store per-CPU values round_up(value_size, 8) apart; a user update writes every CPU", () => {
    const map = new ArrayMap(spec("percpu_array", 4, 2, 1), true, 2);
    const value = Uint8Array.from([1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0]);
    expect(map.userUpdate(u32(0), value, BPF_ANY)).toBe(0);
    expect(map.entries()[0].values.map(hex)).toEqual(["0102", "0304"]);
  });
});

describe("HASH family", () => {
  it("returns the kernel's errno for each flag, a missing key and a full map", () => {
    const map = new HashMap(spec("hash", 4, 4, 1), false, false, 1);
    const value = Uint8Array.of(9, 0, 0, 0);
    expect(map.lookup(u32(7), 0)).toBeNull();
    expect(map.update(u32(7), value, BPF_EXIST, 0)).toBe(-ENOENT);
    expect(map.update(u32(7), value, BPF_NOEXIST, 0)).toBe(0);
    expect(map.update(u32(7), value, BPF_NOEXIST, 0)).toBe(-EEXIST);
    expect(map.update(u32(8), value, BPF_ANY, 0)).toBe(-E2BIG);
    expect(map.delete(u32(8))).toBe(-ENOENT);
    expect(map.delete(u32(7))).toBe(0);
    expect(map.update(u32(8), value, BPF_ANY, 0)).toBe(0);
    expect(map.update(u32(9), value, BPF_F_LOCK, 0)).toBe(-EINVAL);
  });

  it("lists entries sorted by raw key bytes", () => {
    const map = new HashMap(spec("hash", 2, 1, 8), false, false, 1);
    for (const k of [0x0302, 0x0101, 0x0201])
      map.update(Uint8Array.of(k >> 8, k & 0xff), Uint8Array.of(1), BPF_ANY, 0);
    expect(map.entries().map((e) => hex(e.key))).toEqual(["0101", "0201", "0302"]);
  });

  it("an LRU map evicts the least recently used key instead of failing", () => {
    const map = new HashMap(spec("lru_hash", 4, 1, 2), false, true, 1);
    map.update(u32(1), Uint8Array.of(1), BPF_ANY, 0);
    map.update(u32(2), Uint8Array.of(2), BPF_ANY, 0);
    map.lookup(u32(1), 0);
    expect(map.update(u32(3), Uint8Array.of(3), BPF_ANY, 0)).toBe(0);
    expect(map.entries().map((e) => e.key[0])).toEqual([1, 3]);
  });

  it("a per-CPU hash inserted from one CPU holds zeroes on the others", () => {
    const map = createMap(spec("percpu_hash", 4, 1, 4), 2);
    map.update(u32(5), Uint8Array.of(42), BPF_ANY, 1);
    expect(map.entries()[0].values.map(hex)).toEqual(["00", "2a"]);
    map.update(u32(5), Uint8Array.of(7), BPF_ANY, 0);
    expect(map.entries()[0].values.map(hex)).toEqual(["07", "2a"]);
  });
});

const egress = programKindOf("cgroup_skb/egress") as ProgramKind;
const ingress = programKindOf("cgroup_skb/ingress") as ProgramKind;
const tc = programKindOf("tc") as ProgramKind;
const xdp = programKindOf("xdp") as ProgramKind;

describe("PROG_ARRAY", () => {
  it("accepts only BPF_ANY, in range; deleting an empty slot is -ENOENT", () => {
    const map = new ProgArrayMap(spec("prog_array", 4, 4, 2));
    expect(map.setSlot(0, "egress2", egress)).toBe(0);
    expect(map.setSlot(1, "egress3", egress, BPF_NOEXIST)).toBe(-EINVAL);
    expect(map.setSlot(2, "egress3", egress)).toBe(-E2BIG);
    expect(map.clearSlot(1)).toBe(-ENOENT);
    expect(map.clearSlot(0)).toBe(0);
    expect(map.slot(0)).toBeNull();
  });

  it("takes its owner from the first program and refuses another kind with -EINVAL (kernel-facts §1.8)", () => {
    const map = new ProgArrayMap(spec("prog_array", 4, 4, 4));
    expect(map.setSlot(0, "egress2", egress)).toBe(0);
    for (const other of [ingress, tc, xdp]) expect(map.setSlot(1, "other", other)).toBe(-EINVAL);
    expect(map.setSlot(5, "other", xdp)).toBe(-E2BIG);
    expect(map.slot(1)).toBeNull();
  });
});
