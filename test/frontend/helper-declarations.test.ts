// Headers as a build finds them. The built-in <bpf/bpf_helper_defs.h> declares the helpers a build's sources name (all 211 of
// libbpf's header are known); what a program sees must be as if the whole header were there.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { canUseRealHeaders, realHeaderDir } from "../support/toolchain";

const build = (body: string) =>
  compile({
    files: {
      "p.c": `#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\n${body}\n`,
    },
    main: "p.c",
  }).diagnostics.filter((d) => d.severity === "error");

describe("the helpers a program names are declared", () => {
  it("any helper of libbpf's header, named in the program", () => {
    expect(
      build(
        'SEC("tc") int entry(struct __sk_buff *skb) { return (bpf_jiffies64() + bpf_get_numa_node_id()) & 1; }',
      ),
    ).toEqual([]);
  });

  it("a helper named through a macro of the program's own", () => {
    expect(
      build(
        '#define NOW() bpf_ktime_get_boot_ns()\nSEC("tc") int entry(struct __sk_buff *skb) { return NOW() & 1; }',
      ),
    ).toEqual([]);
  });

  it("a helper name made by token pasting", () => {
    expect(
      build(
        '#define CALL(f) bpf_##f()\nSEC("tc") int entry(struct __sk_buff *skb) { return CALL(get_smp_processor_id) & 1; }',
      ),
    ).toEqual([]);
  });

  it("a program's own declaration of a helper clashes with libbpf's, as in clang", () => {
    const errors = build(
      'static long (*bpf_skb_change_head)(struct __sk_buff *skb, __u32 len, __u64 flags) = (void *) 43;\nSEC("tc") int entry(struct __sk_buff *skb) { return 0; }',
    );
    expect(errors.map((d) => d.message)).toEqual(["redefinition of 'bpf_skb_change_head'"]);
  });

  it("a helper the program type may not call is refused in the kernel's words", () => {
    expect(
      build(
        'SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { bpf_skb_change_head(skb, 14, 0); return 1; }',
      ).map((d) => d.message),
    ).toEqual(["program of this type cannot use helper bpf_skb_change_head#43"]);
  });
});

describe("uapi headers by the kernel tree's paths", () => {
  it("<uapi/linux/ip.h> is <linux/ip.h>, as in the kernel's samples", () => {
    const { diagnostics } = compile({
      files: {
        "p.c":
          '#include <uapi/linux/bpf.h>\n#include <uapi/linux/ip.h>\n#include <uapi/linux/icmp.h>\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\nSEC("tc") int entry(struct __sk_buff *skb) { return (sizeof(struct iphdr) + sizeof(struct icmphdr)) & 1; }\n',
      },
      main: "p.c",
    });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe.skipIf(!canUseRealHeaders)("a project's own vmlinux.h, dumped from this kernel's BTF", () => {
  it("replaces the built-in one and compiles, with or without <bpf/bpf_helpers.h> included", () => {
    const vmlinux = readFileSync(join(realHeaderDir(), "vmlinux.h"), "utf8");
    for (const head of ["#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n", "#include <vmlinux.h>\n"]) {
      const { diagnostics } = compile({
        files: {
          "vmlinux.h": vmlinux,
          "p.c": `${head}char LICENSE[] SEC("license") = "GPL";\nSEC("tc") int entry(struct __sk_buff *skb) { struct task_struct *t = 0; return (skb->len + IPPROTO_UDP + (t != 0)) & 1; }\n`,
        },
        main: "p.c",
      });
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    }
  }, 60_000);
});
