// How long the kernel's walk of a counted loop is (loop-walk.ts): each verdict here has a
// kernel-checked case under test/conformance/cases/verify-loop-bounded-by-*.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";

const loop = (bound: string, body: string) =>
  compile({
    files: {
      "prog.bpf.c": `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 n = 0;
	for (__u32 i = 0; i < ${bound}; i++) {
		__u8 b = 0;
		bpf_skb_load_bytes(skb, i, &b, 1);
		${body}
	}
	return n & 1;
}
`,
    },
    main: "prog.bpf.c",
  }).diagnostics.filter((d) => d.stage === "verify");

const said = (diagnostics: ReturnType<typeof loop>) =>
  diagnostics.map((d) => [d.severity, d.line, d.message]);

describe("a counted loop the kernel walks turn by turn", () => {
  it("bounded only by skb->len: too large, or too many pending jumps with a branch in it", () => {
    expect(said(loop("skb->len", "n += b;"))).toEqual([
      ["error", 8, "BPF program is too large. Processed 1000001 insn"],
    ]);
    expect(said(loop("skb->len", "if (b == 0x45) n++;"))).toEqual([
      ["error", 8, "The sequence of 8193 jumps is too complex."],
    ]);
  });

  it("bounded by a mask: loaded, with a warning when the count is past what Tailscope can judge", () => {
    expect(said(loop("(skb->len & 0xff)", "n += b;"))).toEqual([]);
    const wide = loop("(skb->len & 0xffff)", "n += b;");
    expect(said(wide)).toEqual([
      ["warning", 8, "the kernel may refuse this loop as too complex: it can take 65,535 turns"],
    ]);
    expect(wide[0].explanation).toContain("Nothing but `skb->len & 0xffff` bounds this loop");
  });

  it("a branch that changes a counter kept across turns multiplies the paths: a warning from 129 turns", () => {
    expect(said(loop("(skb->len & 0x7f)", "if (b == 0x45) n++;"))).toEqual([]);
    expect(said(loop("(skb->len & 0xff)", "if (b == 0x45) n++;"))).toEqual([
      ["warning", 8, "the kernel may refuse this loop as too complex: it can take 255 turns"],
    ]);
    // A branch that only leaves the loop changes nothing the next turn sees.
    expect(said(loop("(skb->len & 0xff)", "if (b == 0x45) break; n += b;"))).toEqual([]);
  });

  it("a loop clang can fold (no call in it) is not walked", () => {
    const folded = compile({
      files: {
        "p.c": `#include <vmlinux.h>
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { __u32 s = 0; for (__u32 i = 0; i < skb->len; i++) s += i; return s & 1; }
char LICENSE[] SEC("license") = "GPL";`,
      },
      main: "p.c",
    }).diagnostics.filter((d) => d.stage === "verify");
    expect(folded).toEqual([]);
  });
});
