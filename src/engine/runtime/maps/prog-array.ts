import { compatibleKinds } from "../../loader/owners";
import type { ProgramKind } from "../../loader/sections";
import { E2BIG, EINVAL, ENOENT } from "../../target/errno";
import { BPF_ANY } from "../../target/kernel";
import { indexKey, keyIndex, type MapSnapshot, type MapSpec } from "./map";
import { UnlistedMap } from "./unlisted";

/** A tail call that jumped, and where to. */
export interface Jump {
  readonly outcome: "jumped";
  readonly program: string;
}

/**
 * BPF_MAP_TYPE_PROG_ARRAY (kernel/bpf/arraymap.c, fd_array_map_*): slots hold programs, set and
 * cleared only from user space; programs reach them through bpf_tail_call.
 */
export class ProgArrayMap extends UnlistedMap {
  private readonly slots: (string | null)[];
  /** Each filled slot's tail-call result, made when the slot is filled, not per tail call. */
  private readonly jumps: (Jump | null)[];
  /** The program kind every slot must match; fixed by the first program that uses or fills the array. */
  owner: ProgramKind | null = null;

  constructor(spec: MapSpec) {
    super(spec, EINVAL);
    this.slots = Array.from({ length: spec.maxEntries }, () => null);
    this.jumps = this.slots.map(() => null);
  }

  /** The program in a slot, or null for an empty or out-of-range slot. */
  slot(index: number): string | null {
    return index < this.slots.length ? this.slots[index] : null;
  }

  /** A tail call's jump into a slot, or null for an empty or out-of-range slot. */
  jump(index: number): Jump | null {
    return index < this.jumps.length ? this.jumps[index] : null;
  }

  private fill(index: number, program: string | null): void {
    this.slots[index] = program;
    this.jumps[index] = program === null ? null : Object.freeze({ outcome: "jumped", program });
  }

  /**
   * `bpf_fd_array_map_update_elem`: only BPF_ANY, the index must exist, and the program must
   * match the owner (`prog_fd_array_get_ptr`), in that order.
   */
  setSlot(index: number, program: string, kind: ProgramKind, flags: bigint = BPF_ANY): number {
    if (flags !== BPF_ANY) return -EINVAL;
    if (index >= this.spec.maxEntries) return -E2BIG;
    if (this.owner && !compatibleKinds(this.owner, kind)) return -EINVAL;
    this.owner ??= kind;
    this.fill(index, program);
    return 0;
  }

  /** `fd_array_map_delete_elem`: -E2BIG past the end, -ENOENT for an empty slot. */
  clearSlot(index: number): number {
    if (index >= this.spec.maxEntries) return -E2BIG;
    if (this.slots[index] === null) return -ENOENT;
    this.fill(index, null);
    return 0;
  }

  override userDelete(key: Uint8Array): number {
    return this.clearSlot(keyIndex(key));
  }

  occupiedSlots(): { key: Uint8Array; index: number; program: string }[] {
    return this.slots.flatMap((program, index) =>
      program === null ? [] : [{ key: indexKey(index), index, program }],
    );
  }

  snapshot(): MapSnapshot {
    return { kind: "prog_array", state: { slots: [...this.slots], owner: this.owner } };
  }

  restore(snapshot: MapSnapshot): void {
    const { slots, owner } = snapshot.state as { slots: (string | null)[]; owner: ProgramKind | null };
    slots.forEach((slot, i) => {
      this.fill(i, slot);
    });
    this.owner = owner;
  }
}
