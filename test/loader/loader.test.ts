import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, formatDiagnostic } from "../../src/engine";

function lessonFiles(id: string): Record<string, string> {
  const dir = join(import.meta.dirname, "../../src/lessons", id);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

/** The published seed with only its four syntax errors fixed: what kernel-facts §6.2 loads. */
function seedWithSyntaxFixed(): Record<string, string> {
  const files = lessonFiles("02-seed-as-published");
  files["maps.h"] = files["maps.h"]
    .replace("}\n\n// Every CPU", "};\n\n// Every CPU")
    .replace('} tail_context_map SEC(".maps") \n', '} tail_context_map SEC(".maps");\n');
  files["programs.h"] = files["programs.h"]
    .replace("TAIL_CALL_EGRESS_3)\n", "TAIL_CALL_EGRESS_3);\n")
    .replace("TAIL_CALL_EGRESS_2)\n", "TAIL_CALL_EGRESS_2);\n");
  return files;
}

function loadSource(source: string) {
  return compile({
    files: { "prog.bpf.c": `#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n${source}` },
    main: "prog.bpf.c",
  });
}

describe("loader (like libbpf)", () => {
  it("builds the seed's maps, programs and prog-array slots", () => {
    const { object } = compile({ files: lessonFiles("01-seed-fixed"), main: "programs.bpf.c" });
    expect(object?.maps.map((m) => [m.name, m.typeName, m.keySize, m.valueSize, m.maxEntries])).toEqual([
      ["tail_programs", "prog_array", 4, 4, 2],
      ["tail_context_map", "percpu_array", 4, 2, 1],
    ]);
    expect(object?.maps[0].initialSlots.map((s) => [s.index, s.program])).toEqual([
      [0, "egress2"],
      [1, "egress3"],
    ]);
    // In the order of their definitions, as libbpf lists them (maps.h declares egress2 first).
    expect(object?.programs.map((p) => [p.name, p.kind.type, p.kind.attach])).toEqual([
      ["egress3", "cgroup_skb", "egress"],
      ["egress2", "cgroup_skb", "egress"],
      ["egress1", "cgroup_skb", "egress"],
    ]);
    expect(object?.license).toBe("GPL");
    expect(object?.helpers.size).toBeGreaterThan(10);
  });

  it("names bpf_printk's format strings as clang does and keeps their bytes", () => {
    const { object } = compile({ files: lessonFiles("01-seed-fixed"), main: "programs.bpf.c" });
    const formats = object?.globals.filter((g) => g.staticLocal).map((g) => g.name);
    expect(formats).toEqual(["egress3.____fmt", "egress3.____fmt.1", "egress2.____fmt", "egress1.____fmt"]);
    const text = object?.globals.find((g) => g.name === "egress1.____fmt")?.initial;
    expect(String.fromCharCode(...(text ?? []))).toBe("[egress1] Calling egress2\0");
  });

  it("fails the seed's load as libbpf does: slot [1] is past max_entries 1", () => {
    const { diagnostics, object } = compile({ files: seedWithSyntaxFixed(), main: "seed.bpf.c" });
    expect(
      diagnostics.filter((d) => d.severity === "error" && d.stage === "load").map(formatDiagnostic),
    ).toEqual([
      "maps.h:21:26: error: map 'tail_programs': failed to initialize slot [1] to prog 'egress3': -E2BIG",
    ]);
    expect(object?.diagnostics).toHaveLength(1);
  });

  it("rejects a section name libbpf does not know", () => {
    const { diagnostics } = loadSource('SEC("cgroup_skb/sideways") int f(struct __sk_buff *s) { return 1; }');
    expect(diagnostics.find((d) => d.severity === "error")?.message).toBe(
      "failed to guess program type from ELF section 'cgroup_skb/sideways'",
    );
  });

  it("rejects an array map whose key is not 4 bytes, as map creation does", () => {
    const { diagnostics } = loadSource(
      'struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u64); __type(value, __u32); } m SEC(".maps");',
    );
    expect(diagnostics.find((d) => d.severity === "error")?.message).toBe(
      "map 'm': failed to create: -EINVAL",
    );
  });

  // libbpf 1.1 refuses the object (-EOPNOTSUPP): conformance case load-legacy-maps-section.
  it('refuses a legacy SEC("maps") struct bpf_map_def as libbpf 1.x does, showing the map as it reads them', () => {
    const { object, diagnostics } = loadSource(
      // libbpf 1.x's header no longer defines the struct: the program does, as bpf_legacy.h did.
      "struct bpf_map_def { unsigned int type, key_size, value_size, max_entries, map_flags; };\n" +
        'struct bpf_map_def SEC("maps") legacy = { .type = BPF_MAP_TYPE_PERCPU_HASH, .key_size = 8, .value_size = 16, .max_entries = 32, .map_flags = 1 };',
    );
    const load = diagnostics.filter((d) => d.stage === "load");
    expect(load.map((d) => [d.severity, d.message])).toEqual([
      ["error", "elf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+"],
    ]);
    expect(load[0]?.explanation).toContain(
      'struct {\n\t__uint(type, BPF_MAP_TYPE_PERCPU_HASH);\n\t__uint(key_size, 8);\n\t__uint(value_size, 16);\n\t__uint(max_entries, 32);\n\t__uint(map_flags, 1);\n} legacy SEC(".maps");',
    );
    expect(object?.maps ?? []).toEqual([]);
  });

  it.each([
    ["__builtin_memcmp(a, b, 8) != 0", true],
    ["__builtin_memcmp(a, b, 2)", true],
    ["!__builtin_memcmp(a, b, 4)", false],
    ["0 == __builtin_memcmp(a, b, 2)", false],
    ["__builtin_memcmp(a, b, 1)", false],
  ])("memcmp that clang leaves as a call fails the load like libbpf: %s → %s", (use, fails) => {
    const { diagnostics } = loadSource(
      `SEC("xdp") int f(struct xdp_md *x) { char a[8] = {}, b[8] = {}; return ${use}; }`,
    );
    const messages = diagnostics.filter((d) => d.stage === "load").map((d) => d.message);
    expect(messages).toEqual(fails ? ["failed to find BTF for extern 'memcmp': -ENOENT"] : []);
  });

  it("names a helper Tailscope does not model, at the call, and still loads like the kernel", () => {
    const { object, diagnostics } = loadSource(
      'SEC("xdp") int f(struct xdp_md *x) { bpf_xdp_get_buff_len(x); return bpf_get_prandom_u32() & 1; }',
    );
    expect(object).not.toBeNull();
    expect(diagnostics.filter((d) => d.stage === "load").map((d) => [d.severity, d.message, d.line])).toEqual(
      [["warning", "helper bpf_xdp_get_buff_len#188 is not modelled by Tailscope", 3]],
    );
  });

  it("fails the load for a function called but defined nowhere, once, at its first call in emitted code", () => {
    const result = loadSource(`char LICENSE[] SEC("license") = "GPL";
extern int mystery(int x);
static inline int unused(int x) { return nowhere(x); }
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) {
  char a[8], b[8];
  memset(a, 1, sizeof(a));
  memcpy(b, a, sizeof(b));
  return (mystery(skb->len) + mystery(1) + bpf_htonl(b[0])) & 1;
}`);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.line, d.column, d.message])).toEqual([
      [10, 11, "failed to find BTF for extern 'mystery': -ENOENT"],
      [10, 44, "failed to find BTF for extern 'bpf_htonl': -ENOENT"],
    ]);
  });

  it("gives globals their initial bytes in .bss, .data and .rodata", () => {
    const { object } = loadSource(
      "struct pair { __u16 a; __u8 b; __u32 c; };\nstruct pair data_pair = { 0x0102, 3, 4 };\n__u32 zero;\nconst volatile __u8 limit = 7;\n",
    );
    const byName = Object.fromEntries(
      (object?.globals ?? []).map((g) => [g.name, [g.section, Buffer.from(g.initial).toString("hex")]]),
    );
    expect(byName).toEqual({
      data_pair: [".data", "0201030004000000"],
      zero: [".bss", "00000000"],
      limit: [".rodata", "07"],
    });
  });
});

describe("sections of program types Tailscope does not model", () => {
  it("say which type libbpf knows them as, instead of libbpf's 'failed to guess'", () => {
    const source = (section: string) =>
      `#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\nSEC("${section}")\nint p(void *ctx) { return 0; }\n`;
    const messageOf = (section: string) =>
      compile({ files: { "p.c": source(section) }, main: "p.c" }).diagnostics.find(
        (d) => d.severity === "error",
      )?.message;
    expect(messageOf("lirc_mode2")).toBe(
      `'p' is a lirc_mode2 program (SEC("lirc_mode2")), a type Tailscope does not model yet`,
    );
    // A struct_ops program no SEC(".struct_ops") variable names has no member to implement.
    expect(messageOf("struct_ops/tcp_init")).toBe("prog 'p': failed to load: -524");
    // This kernel builds no BPF trampolines: it refuses fentry and lsm programs, as does Tailscope.
    expect(messageOf("fentry/do_unlinkat")).toBe(
      "prog 'p': BPF program load failed: Operation not permitted",
    );
    expect(messageOf("freplace/handler")).toBe("prog 'p': attach program FD is not set");
    expect(messageOf("lsm/file_open")).toBe("prog 'p': BPF program load failed: Operation not permitted");
    expect(messageOf("nonsense")).toBe("failed to guess program type from ELF section 'nonsense'");
    expect(messageOf("tp/syscalls/sys_enter_openat")).toBeUndefined();
    expect(messageOf("xdp.frags")).toBeUndefined();
  });

  it("check the socket, flow dissector and cgroup types by this kernel's measured rules", () => {
    const messageOf = (section: string, body: string) =>
      compile({
        files: {
          "p.c": `#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\nSEC("${section}")\n${body}\n`,
        },
        main: "p.c",
      }).diagnostics.find((d) => d.severity === "error")?.message;
    expect(messageOf("sockops", "int p(struct bpf_sock_ops *s) { s->reply = 1; return 1; }")).toBeUndefined();
    expect(messageOf("sockops", "int p(struct bpf_sock_ops *s) { s->op = 1; return 1; }")).toMatch(
      /invalid bpf_context access off=0 size=4/,
    );
    // bpf_bind is for connect hooks only: the same call in bind4 is refused.
    const bind =
      "int p(struct bpf_sock_addr *a) { char sa[16] = {}; bpf_bind(a, (void *)sa, sizeof(sa)); return 1; }";
    expect(messageOf("cgroup/connect4", bind)).toBeUndefined();
    expect(messageOf("cgroup/bind4", bind)).toBe("program of this type cannot use helper bpf_bind#64");
    expect(messageOf("cgroup/recvmsg4", "int p(struct bpf_sock_addr *a) { return 0; }")).toMatch(
      /should have been in \[1, 1\]/,
    );
    for (const section of ["action", "sk_reuseport", "xdp/devmap", "kprobe.multi/tcp_*", "syscall", "usdt"])
      expect([section, messageOf(section, "int p(void *ctx) { return 0; }")]).toEqual([section, undefined]);
  });
});
