import { type AbsValue, unknown } from "./abstract-values";
import type { Problem } from "./computed-offsets";

/**
 * `bpf_sk_fullsock(sk)`'s argument: a socket checked not to be NULL (ARG_PTR_TO_SOCK_COMMON);
 * skb->sk before its test is refused in the kernel's words.
 */
export function fullSocketArgumentProblem(sk: AbsValue | undefined): Problem | null {
  if (sk?.kind !== "sock" || !sk.nullable) return null;
  return {
    message: `R1 type=${sk.full ? "sock_or_null" : "sock_common_or_null"} expected=sock_common, sock, tcp_sock, xdp_sock`,
    explanation:
      "bpf_sk_fullsock takes a socket checked not to be NULL: test skb->sk first, `if (!sk) return …;`.",
  };
}

/** What bpf_sk_fullsock returns for a socket: a full one (every field readable), NULL until checked. */
export function fullSocketOf(sk: AbsValue | undefined, id: number): AbsValue {
  if (sk?.kind !== "sock") return unknown;
  return { kind: "sock", off: 0, nullable: true, id, full: true };
}
