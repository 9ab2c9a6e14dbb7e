import type { Span } from "../source/source-file";
import { fromHex } from "../target/bytes";
import type { Frame, HeldLock, PacketRun } from "./machine-state";
import type { Region } from "./memory";
import { isPointer, RuntimeFault, UNWIND_FOR_SPIN, type Value } from "./values";

/**
 * `bpf_spin_lock(lock)`: the lock word in the map value holds the owning CPU + 1 while taken,
 * as the kernel's holds a nonzero value. Taken by another packet's CPU, this CPU spins: the
 * statement runs again at its next turn (only the interleaved schedule has two packets in
 * flight). The verifier has made sure a packet unlocks before it ends; if one does not (a
 * fault), its locks are let go with it.
 */
export function spinLock(frame: Frame, lock: Value, span: Span): number {
  const { region, at, held } = lockWord(lock, "bpf_spin_lock", span);
  const run = frame.run;
  const mine = run.heldLocks.some((h) => sameLock(h, held));
  if (region.view.getUint32(at, true) !== 0 && !mine) throw UNWIND_FOR_SPIN;
  if (!mine) {
    region.view.setUint32(at, run.cpu + 1, true);
    run.heldLocks.push(held);
  }
  return 0;
}

/** `bpf_spin_unlock(lock)`: the word goes back to 0. */
export function spinUnlock(frame: Frame, lock: Value, span: Span): number {
  const { region, at, held } = lockWord(lock, "bpf_spin_unlock", span);
  const run = frame.run;
  const index = run.heldLocks.findIndex((h) => sameLock(h, held));
  if (index < 0) throw new RuntimeFault("bpf_spin_unlock of a lock this packet does not hold", span);
  region.view.setUint32(at, 0, true);
  run.heldLocks.splice(index, 1);
  return 0;
}

/** A packet that ends (or faults) holding a lock lets it go: no other CPU spins on forever. */
export function releaseLocks(run: PacketRun): void {
  for (const held of run.heldLocks) {
    const value = run.machine.maps.get(held.map)?.lookup(fromHex(held.key), held.cpu ?? 0);
    if (value) value.view.setUint32(value.start + held.offset, 0, true);
  }
  while (run.heldLocks.length > 0) run.heldLocks.pop();
}

function sameLock(a: HeldLock, b: HeldLock): boolean {
  return a.map === b.map && a.key === b.key && a.cpu === b.cpu && a.offset === b.offset;
}

function lockWord(lock: Value, helper: string, span: Span): { region: Region; at: number; held: HeldLock } {
  if (!isPointer(lock) || lock.offset < 0 || lock.offset + 4 > lock.region.size || !lock.region.mapSlot)
    throw new RuntimeFault(`${helper}: the pointer is not to a lock in a map value`, span);
  const slot = lock.region.mapSlot;
  return {
    region: lock.region,
    at: lock.region.start + lock.offset,
    held: { map: slot.map, key: slot.key, cpu: slot.cpu, offset: lock.offset },
  };
}
