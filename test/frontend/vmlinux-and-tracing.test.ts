// `<vmlinux.h>` cut from this kernel's BTF, libbpf's bpf_tracing.h, and the diagnostic pragmas
// its wrappers rely on: each program builds in Tailscope exactly when clang builds it against
// this kernel's whole vmlinux.h and the installed libbpf headers.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import {
  identifiersIn,
  kernelDeclarationsFor,
  vmlinuxHeaderOf,
} from "../../src/engine/source/headers/vmlinux-types";
import { canUseRealHeaders, clangAccepts, realHeaderDir } from "../support/toolchain";

const head = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";
`;

/** Programs by name: whether each builds is compared with clang. */
const programs: Record<string, string> = {
  "task through CO-RE": `${head}
SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	pid_t ppid = BPF_CORE_READ(task, real_parent, tgid);
	unsigned long pages = BPF_CORE_READ(task, mm, total_vm);

	bpf_printk("%d %lu", ppid, pages);
	return 0;
}
`,
  "BPF_KPROBE with the target architecture": `#define __TARGET_ARCH_x86
${head}
SEC("kprobe/tcp_v4_connect")
int BPF_KPROBE(on_connect, struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);

	bpf_printk("%d %d", family, addr_len);
	return 0;
}
`,
  "BPF_KPROBE without it": `${head}
SEC("kprobe/tcp_v4_connect")
int BPF_KPROBE(on_connect, struct sock *sk)
{
	return 0;
}
`,
  "vmlinux.h with a uapi header defining the same struct": `#include "vmlinux.h"
#include <linux/ip.h>

int f(struct iphdr *ip) { return ip->ttl; }
`,
  "a name vmlinux.h does not have": `${head}
int f(struct no_such_kernel_type *p) { return p->field; }
`,
};

function clangBuilds(source: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), "tailscope-vmlinux-test-"));
  writeFileSync(join(dir, "prog.bpf.c"), source);
  return clangAccepts(join(dir, "prog.bpf.c"), [realHeaderDir()]);
}

function errorsOf(source: string): string[] {
  const { diagnostics } = compile({ files: { "prog.bpf.c": source }, main: "prog.bpf.c" });
  return diagnostics.filter((d) => d.severity === "error").map((d) => `${d.line}: ${d.message}`);
}

describe("vmlinux.h from this kernel's BTF", () => {
  it("has the tracing types, reached through pointer members", () => {
    expect(errorsOf(programs["task through CO-RE"])).toEqual([]);
  });

  it("holds only what a program names: the seed's build carries no task_struct", () => {
    const named = new Set<string>();
    identifiersIn("struct __sk_buff *skb; __u32 key; return SK_PASS;", named);
    const header = vmlinuxHeaderOf(kernelDeclarationsFor(named));
    expect(header).toContain("struct __sk_buff {");
    expect(header).toContain("SK_PASS = 1");
    expect(header).not.toContain("struct task_struct {");
  });

  it("clashes with a uapi header defining the same struct, as clang's does", () => {
    expect(errorsOf(programs["vmlinux.h with a uapi header defining the same struct"]).join("\n")).toMatch(
      /redefinition of 'iphdr'/,
    );
  });
});

describe("bpf_tracing.h", () => {
  it("gives BPF_KPROBE typed arguments, quietly converted from the registers", () => {
    const { diagnostics } = compile({
      files: { "prog.bpf.c": programs["BPF_KPROBE with the target architecture"] },
      main: "prog.bpf.c",
    });
    expect(diagnostics.filter((d) => d.severity !== "note")).toEqual([]);
  });

  it("refuses register accessors without a target architecture, at the use, in libbpf's words", () => {
    expect(errorsOf(programs["BPF_KPROBE without it"])).toEqual([
      "9: Must specify a BPF target arch via __TARGET_ARCH_xxx",
    ]);
  });

  it.runIf(canUseRealHeaders)("builds exactly when clang builds", () => {
    for (const [name, source] of Object.entries(programs))
      expect([name, errorsOf(source).length === 0]).toEqual([name, clangBuilds(source)]);
  });
});

describe("diagnostic pragmas", () => {
  const conversion = (pragmas: [before: string, after: string]) => `${pragmas[0]}
int take(int value) { return value; }
int first(void *p) { return take(p); }
${pragmas[1]}
int second(void *p) { return take(p); }
`;
  const warnings = (source: string) =>
    compile({ files: { "p.c": source }, main: "p.c" })
      .diagnostics.filter((d) => d.severity === "warning")
      .map((d) => d.line);

  it("silence a warning group between push and pop, by #pragma and by _Pragma", () => {
    expect(warnings(conversion(["", ""]))).toEqual([3, 5]);
    const hash = [
      '#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored "-Wint-conversion"',
      "#pragma GCC diagnostic pop",
    ];
    expect(warnings(conversion(hash as [string, string]))).toEqual([6]);
    const operator = [
      '_Pragma("clang diagnostic push") _Pragma("clang diagnostic ignored \\"-Wint-conversion\\"")',
      '_Pragma("clang diagnostic pop")',
    ];
    expect(warnings(conversion(operator as [string, string]))).toEqual([5]);
  });

  it("report GCC error and GCC warning where they are expanded", () => {
    const source = `#define CHECK() _Pragma("GCC error \\"not here\\"")
int a;
CHECK()
#pragma GCC warning "look"
`;
    const { diagnostics } = compile({ files: { "p.c": source }, main: "p.c" });
    const reported = diagnostics.filter((d) => d.severity !== "note");
    expect(reported.map((d) => `${d.line} ${d.severity} ${d.message}`)).toEqual([
      "3 error not here",
      "4 warning look",
    ]);
  });
});
