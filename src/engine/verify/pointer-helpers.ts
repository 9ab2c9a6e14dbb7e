import type { Span } from "../source/source-file";
import type { AbsValue } from "./abstract-values";
import type { Problem } from "./computed-offsets";
import type { Environment } from "./environment";
import { releaseRecord, reserveRecord } from "./ringbuf-records";
import { fullSocketArgumentProblem, fullSocketOf } from "./sockets";
import { spinLockCall } from "./spin-locks";

const BPF_FUNC_spin_lock = 93;
const BPF_FUNC_spin_unlock = 94;
const BPF_FUNC_sk_fullsock = 95;
const BPF_FUNC_ringbuf_reserve = 131;
const BPF_FUNC_ringbuf_submit = 132;
const BPF_FUNC_ringbuf_discard = 133;

/**
 * The helpers whose pointer arguments or results the verifier types on its own: a ring buffer
 * record (reserved, then submitted or discarded), bpf_sk_fullsock's socket, and the map value's
 * bpf_spin_lock the path takes and gives back. The value the
 * call gives (when it is one of these) and the refusal of its first argument. Null for others.
 */
export function pointerHelperResult(
  id: number,
  name: string,
  args: readonly AbsValue[],
  env: Environment,
  nextId: () => number,
  span: Span,
): { value: AbsValue | null; problem: Problem | null } | null {
  if (id === BPF_FUNC_ringbuf_reserve)
    return { value: reserveRecord(env, args[1], nextId(), span), problem: null };
  if (id === BPF_FUNC_sk_fullsock)
    return { value: fullSocketOf(args[0], nextId()), problem: fullSocketArgumentProblem(args[0]) };
  if (id === BPF_FUNC_ringbuf_submit || id === BPF_FUNC_ringbuf_discard)
    return { value: null, problem: releaseRecord(env, args[0], name) };
  if (id === BPF_FUNC_spin_lock || id === BPF_FUNC_spin_unlock)
    return { value: null, problem: spinLockCall(env, id, args[0]) };
  return null;
}
