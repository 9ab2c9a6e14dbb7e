import type { ProgramKind } from "../loader/sections";
import { btfContextValue, btfTyped } from "../target/btf-context";
import { measuredArgumentWrite } from "../target/kind-rules";
import type { CType } from "../types/ctypes";
import type { AbsValue, BtfPointer } from "./abstract-values";
import type { Problem } from "./computed-offsets";

/**
 * What an 8-byte load gives when it is kernel memory typed from BTF: a BTF-typed context's
 * pointer slot (a tp_btf argument, an iterator's field), or a struct pointer read through such
 * memory (next->mm), which the verifier follows without a NULL check. Null for anything else.
 */
export function btfLoaded(
  kind: ProgramKind | null,
  base: AbsValue,
  size: number,
  type: CType | undefined,
): Omit<BtfPointer, "id"> | null {
  if (size !== 8) return null;
  if (base.kind === "ctx" && kind && btfTyped(kind)) {
    const slot = btfContextValue(kind, base.off);
    return slot ? { kind: "btf", ...slot, off: 0 } : null;
  }
  const to = type?.kind === "pointer" ? type.to : null;
  if (base.kind === "btf" && to?.kind === "record")
    return { kind: "btf", struct: to.record.tag ?? "(anon)", off: 0, nullable: false };
  return null;
}

/**
 * Why a store into BTF-typed kernel memory is refused, or null when the kernel allows it: only
 * TCP congestion control may write, and only the socket members bpf_tcp_ca_btf_struct_access
 * lists (measured by kind-probe.c); every other store is read-only memory to the verifier.
 */
export function btfWriteProblem(kind: ProgramKind | null, base: BtfPointer, size: number): Problem | null {
  if (kind?.type !== "struct_ops" || !kind.measured || base.struct !== "tcp_sock")
    return {
      message: "only read is supported",
      explanation: `A ${kind?.type === "struct_ops" ? "struct_ops" : "tracing"} program may read the kernel's ${base.struct} through this pointer, not write it.`,
    };
  const allowed = measuredArgumentWrite(kind.measured, base.off, size);
  if (allowed.ok) return null;
  if (allowed.memberEnd === null)
    return {
      message: `no write support to tcp_sock at off ${base.off}`,
      explanation:
        "A congestion control program may write only a few members of the socket: snd_cwnd, snd_cwnd_cnt, snd_cwnd_stamp, snd_ssthresh, ecn_flags, app_limited, sk_pacing_rate, sk_pacing_status, icsk_ca_priv (its private state, usually through inet_csk_ca()) and icsk_ack.pending. Everything else it may only read.",
    };
  return {
    message: `write access at off ${base.off} with size ${size} beyond the member of tcp_sock ended at ${allowed.memberEnd}`,
    explanation: `This store of ${size} bytes starts in a writable member of the socket but runs past its end, into one the program may not write.`,
  };
}
