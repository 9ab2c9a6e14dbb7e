import type { AbsValue, MapValuePointer } from "./abstract-values";
import type { Problem } from "./computed-offsets";
import type { Environment } from "./environment";

const BPF_FUNC_spin_lock = 93;
const BPF_FUNC_spin_unlock = 94;
/** sizeof(struct bpf_spin_lock). */
const LOCK_BYTES = 4;

/** The lock a path holds: which lookup's value, and where in it. */
export interface HeldLock {
  readonly id: number;
  readonly off: number;
  /** Held on only some of the paths joined here (the kernel walks each on its own). */
  readonly partial?: boolean;
}

/** Where two paths meet: the lock they both hold, or one only some of them hold. */
export function joinLocks(a: HeldLock | null, b: HeldLock | null): HeldLock | null {
  if (!a && !b) return null;
  if (a && b && a.id === b.id && a.off === b.off && !a.partial && !b.partial) return a;
  return { ...((a ?? b) as HeldLock), partial: true };
}

/**
 * A helper call with a lock held: only bpf_spin_unlock may be called (check_helper_call's
 * "function calls are not allowed while holding a lock"); a call to a function of the program
 * too (the caller passes `id` null for those).
 */
export function callWhileLocked(env: Environment, id: number | null): Problem | null {
  if (!env.lock || id === BPF_FUNC_spin_unlock) return null;
  return {
    message: "function calls are not allowed while holding a lock",
    explanation:
      "Between bpf_spin_lock and bpf_spin_unlock a program may only read and write memory: move the call out of the locked region.",
  };
}

/**
 * `bpf_spin_lock(&value->lock)` and `bpf_spin_unlock(&value->lock)` (process_spin_lock): the
 * pointer must be a checked map value at the offset of its struct bpf_spin_lock; one lock at a
 * time, unlocked as taken. Updates the path's held lock; the refusal in the kernel's words.
 */
export function spinLockCall(env: Environment, id: number, pointer: AbsValue | undefined): Problem | null {
  if (id !== BPF_FUNC_spin_lock && id !== BPF_FUNC_spin_unlock) return null;
  if (pointer?.kind !== "map_value" || pointer.nullable || pointer.variable) return null;
  const place = lockPlaceProblem(pointer);
  if (place) return place;
  if (id === BPF_FUNC_spin_lock) {
    if (env.lock)
      return {
        message: "Locking two bpf_spin_locks are not allowed",
        explanation: "A program holds one bpf_spin_lock at a time: unlock the first before taking another.",
      };
    env.lock = { id: pointer.id, off: pointer.off };
    return null;
  }
  if (!env.lock || env.lock.partial)
    return {
      message: "bpf_spin_unlock without taking a lock",
      explanation: "This path reaches bpf_spin_unlock without having taken the lock with bpf_spin_lock.",
    };
  if (env.lock.id !== pointer.id || env.lock.off !== pointer.off)
    return {
      message: "bpf_spin_unlock of different lock",
      explanation: "bpf_spin_unlock must be given the lock this path took with bpf_spin_lock.",
    };
  env.lock = null;
  return null;
}

function lockPlaceProblem(pointer: MapValuePointer): Problem | null {
  if (pointer.lockOff === undefined)
    return {
      message: `map '${pointer.name}' has no valid bpf_spin_lock`,
      explanation: `The value of ${pointer.name} has no struct bpf_spin_lock member (declare the value's type with __type(value, …) and give it one).`,
    };
  if (pointer.off !== pointer.lockOff)
    return {
      message: `off ${pointer.off} doesn't point to 'struct bpf_spin_lock' that is at ${pointer.lockOff}`,
      explanation: "Pass the address of the value's struct bpf_spin_lock member, `&value->lock`.",
    };
  return null;
}

/** A load or store that touches the lock's bytes (check_map_access's special fields). */
export function lockAccessProblem(pointer: MapValuePointer, size: number): Problem | null {
  const at = pointer.lockOff;
  if (at === undefined || pointer.off + size <= at || pointer.off >= at + LOCK_BYTES) return null;
  return {
    message: "bpf_spin_lock cannot be accessed directly by load/store",
    explanation:
      "The lock's bytes belong to bpf_spin_lock and bpf_spin_unlock: read and write the value's other members.",
  };
}

/** A return with the lock held (check_resource_leak at BPF_EXIT). */
export function exitWhileLocked(env: Environment): Problem | null {
  if (!env.lock) return null;
  return {
    message: "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region",
    explanation: "Every path must call bpf_spin_unlock before it returns.",
  };
}
