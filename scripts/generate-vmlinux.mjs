// Writes src/engine/source/headers/vmlinux-btf.json from this machine's kernel BTF: the type
// declarations of `bpftool btf dump file /sys/kernel/btf/vmlinux format c` that networking and
// tracing programs use (the roots below, and every type they hold by value), each with the names
// it defines and the types it needs, so that a build takes only what its program mentions
// (vmlinux-types.ts). Run it when the modelled kernel changes:
//   node scripts/generate-vmlinux.mjs [vmlinux.h dumped by bpftool]
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/** Types a BPF program for networking or tracing names; what they hold by value comes along. */
const roots = [
  // The BPF uapi: contexts, helper arguments, map values.
  ...[
    "__sk_buff",
    "xdp_md",
    "bpf_sock",
    "bpf_sock_tuple",
    "bpf_tcp_sock",
    "bpf_sock_ops",
    "sk_msg_md",
    "sk_reuseport_md",
    "bpf_sock_addr",
    "bpf_sk_lookup",
    "bpf_flow_keys",
    "bpf_fib_lookup",
    "bpf_redir_neigh",
    "bpf_tunnel_key",
    "bpf_xfrm_state",
    "bpf_devmap_val",
    "bpf_cpumap_val",
    "bpf_spin_lock",
    "bpf_timer",
    "bpf_dynptr",
    "bpf_list_head",
    "bpf_list_node",
    "bpf_rb_root",
    "bpf_rb_node",
    "bpf_refcount",
    "bpf_perf_event_data",
    "bpf_perf_event_value",
    "bpf_raw_tracepoint_args",
    "bpf_sysctl",
    "bpf_sockopt",
    "bpf_cgroup_dev_ctx",
    "bpf_pidns_info",
    "bpf_iter_meta",
    "bpf_iter__task",
    "bpf_iter__bpf_map_elem",
    "bpf_lpm_trie_key_u8",
    "bpf_map_info",
    "bpf_prog_info",
  ].map((name) => `struct ${name}`),
  // Packets as the kernel's own types see them.
  ...[
    "sk_buff",
    "skb_shared_info",
    "xdp_buff",
    "xdp_frame",
    "ethhdr",
    "vlan_hdr",
    "iphdr",
    "ipv6hdr",
    "ipv6_opt_hdr",
    "ipv6_rt_hdr",
    "frag_hdr",
    "tcphdr",
    "udphdr",
    "icmphdr",
    "icmp6hdr",
    "arphdr",
    "gre_base_hdr",
    "vxlanhdr",
    "geneve_opt",
    "in_addr",
    "in6_addr",
    "sockaddr",
    "sockaddr_in",
    "sockaddr_in6",
    "sock",
    "sock_common",
    "socket",
    "inet_sock",
    "tcp_sock",
    "inet_connection_sock",
    "udp_sock",
    "request_sock",
    "inet_timewait_sock",
    "net",
    "net_device",
    "msghdr",
    "flowi4",
    "flowi6",
    // TCP congestion control in BPF: the struct_ops a program fills, and what its members get.
    "tcp_congestion_ops",
    "ack_sample",
    "rate_sample",
    "bpf_dummy_ops",
  ].map((name) => `struct ${name}`),
  // Tracing: tasks, files, the registers and the syscall tracepoints.
  ...[
    "pt_regs",
    "task_struct",
    "mm_struct",
    "cred",
    "nsproxy",
    "pid_namespace",
    "pid",
    "upid",
    "signal_struct",
    "files_struct",
    "fdtable",
    "file",
    "path",
    "dentry",
    "qstr",
    "inode",
    "super_block",
    "vfsmount",
    "filename",
    "linux_binprm",
    "cgroup",
    "css_set",
    "kernfs_node",
    "bio",
    "request",
    "block_device",
    "gendisk",
    "trace_entry",
    "trace_event_raw_sys_enter",
    "trace_event_raw_sys_exit",
    "trace_event_raw_sched_process_template",
    "trace_event_raw_sched_process_exec",
    "trace_event_raw_sched_process_fork",
    "trace_event_raw_sched_switch",
    "trace_event_raw_sched_wakeup_template",
    "trace_event_raw_inet_sock_set_state",
    "trace_event_raw_kfree_skb",
    "trace_event_raw_net_dev_template",
    "trace_event_raw_block_rq",
    "trace_event_raw_block_rq_completion",
  ].map((name) => `struct ${name}`),
];

/** Named enums whose constants programs use; anonymous enums are kept when they hold one of these. */
const enumRoots = [
  /^enum (bpf_|sk_action|sk_pacing|xdp_action|tcp_|sock_|net_|skb_|nf_|ip_conntrack|sk_rst|pkt_|tc_|ipv6_|sock_type|socket_state|pid_type|task_)/,
  /^enum$/,
];
const anonymousEnumConstants =
  /^(IPPROTO_|BPF_|TC_ACT_|XDP_|SK_|TCP_|SOCK_|AF_|PF_|IFF_|TASK_|PIDTYPE_|ETH_|__BPF_|IPV6_|IP_|INET_|NF_)/;

const dump =
  process.argv[2] !== undefined
    ? readFileSync(process.argv[2], "utf8")
    : execFileSync("bpftool", ["btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "c"], {
        encoding: "utf8",
        maxBuffer: 256 << 20,
      });

const chunks = dump
  .split(/\n\n+/)
  .map((text) => text.trim())
  .filter((text) => text && !text.startsWith("#") && !/^(struct|union) \w+;$/.test(text));

const tokensOf = (text) => text.match(/[A-Za-z_]\w*|\d\w*|\S/g) ?? [];
const QUALIFIERS = new Set(["const", "volatile", "restrict"]);

/** What a declaration defines: its tag (`struct foo`), typedef name, or enum constants. */
function definedBy(tokens) {
  const [first, second, third] = tokens;
  if ((first === "struct" || first === "union" || first === "enum") && third === "{")
    return [`${first} ${second}`, ...(first === "enum" ? enumConstants(tokens) : [])];
  if (first === "enum" && second === "{") return enumConstants(tokens);
  if (first === "typedef") return [typedefName(tokens)];
  return [];
}

function enumConstants(tokens) {
  const names = [];
  for (let i = 0; i < tokens.length; i++)
    if ((tokens[i - 1] === "{" || tokens[i - 1] === ",") && /^[A-Za-z_]/.test(tokens[i]))
      names.push(tokens[i]);
  return names;
}

function typedefName(tokens) {
  const pointerTo = tokens.findIndex((t, i) => t === "(" && tokens[i + 1] === "*");
  if (pointerTo >= 0) {
    let i = pointerTo + 1;
    while (tokens[i] === "*" || QUALIFIERS.has(tokens[i])) i++;
    return tokens[i];
  }
  // `typedef int name(int);` or `typedef u8 name[16];` or `typedef struct {…} name;`
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === "{") depth++;
    else if (t === "}") depth--;
    else if (depth === 0 && (t === "(" || t === "[" || t === ";")) return tokens[i - 1];
  }
  return tokens[tokens.length - 2];
}

/**
 * The types a declaration needs: complete (held by value) or only named (behind a pointer, with
 * the member's name, by which a program reaches it: `task->mm`).
 */
function needsOf(tokens, own, typedefs) {
  const complete = new Set();
  const named = [];
  let parens = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === "(") parens++;
    else if (t === ")") parens--;
    let key = null;
    let next = i + 1;
    if ((t === "struct" || t === "union" || t === "enum") && /^[A-Za-z_]/.test(tokens[i + 1] ?? "")) {
      key = `${t} ${tokens[i + 1]}`;
      next = i + 2;
      i++;
    } else if (typedefs.has(t) && !own.includes(t)) key = t;
    if (key === null || own.includes(key)) continue;
    // A typedef name is declared wherever it is used, behind a pointer or not.
    if (typedefs.has(key)) {
      complete.add(key);
      continue;
    }
    while (QUALIFIERS.has(tokens[next])) next++;
    if (tokens[next] === "*" && !key.startsWith("enum ")) {
      while (tokens[next] === "*" || QUALIFIERS.has(tokens[next])) next++;
      named.push([key, parens === 0 && /^[A-Za-z_]/.test(tokens[next] ?? "") ? tokens[next] : null]);
    } else if (parens > 0 && !key.startsWith("enum ")) named.push([key, null]);
    else complete.add(key);
  }
  return { complete: [...complete], named };
}

const parsed = chunks.map((text) => ({ text, tokens: tokensOf(text) }));
for (const chunk of parsed) chunk.defines = definedBy(chunk.tokens);
const typedefs = new Set(parsed.filter((c) => c.tokens[0] === "typedef").flatMap((c) => c.defines));
const definer = new Map();
parsed.forEach((chunk, index) => {
  for (const name of chunk.defines) if (!definer.has(name)) definer.set(name, index);
});
for (const chunk of parsed) Object.assign(chunk, needsOf(chunk.tokens, chunk.defines, typedefs));

// What the roots need by value, transitively; enums by the patterns above.
const kept = new Set();
const visit = (index) => {
  if (index === undefined || kept.has(index)) return;
  kept.add(index);
  for (const key of parsed[index].complete) visit(definer.get(key));
};
for (const root of roots) {
  const index = definer.get(root);
  if (index === undefined) throw new Error(`this kernel has no ${root} in its BTF`);
  visit(index);
}
parsed.forEach((chunk, index) => {
  const head =
    chunk.tokens[0] === "enum" ? `enum${chunk.tokens[1] === "{" ? "" : ` ${chunk.tokens[1]}`}` : "";
  if (!head) return;
  const named = head !== "enum" && enumRoots[0].test(head);
  const anonymous = head === "enum" && chunk.defines.some((name) => anonymousEnumConstants.test(name));
  if (named || anonymous) visit(index);
});
// The basic typedefs every program may use (u8 … u64, bool, size_t, pid_t …).
for (const name of [
  "u8",
  "u16",
  "u32",
  "u64",
  "s8",
  "s16",
  "s32",
  "s64",
  "bool",
  "size_t",
  "ssize_t",
  "pid_t",
  "uid_t",
  "gid_t",
  "__be16",
  "__be32",
  "__be64",
  "__le16",
  "__le32",
  "__le64",
  "__wsum",
  "__sum16",
  "uintptr_t",
  "ptrdiff_t",
  "atomic_t",
  "atomic64_t",
  "loff_t",
  "umode_t",
  "dev_t",
  "ktime_t",
]) {
  const index = definer.get(name);
  if (index !== undefined) visit(index);
}

const order = [...kept].sort((a, b) => a - b);
const position = new Map(order.map((index, i) => [index, i]));
const where = (key) => {
  const index = definer.get(key);
  return index === undefined ? undefined : position.get(index);
};
const table = order.map((index) => {
  const chunk = parsed[index];
  const needs = chunk.complete.map(where).filter((i) => i !== undefined);
  const reached = [];
  const declared = new Set();
  for (const [key, member] of chunk.named) {
    const at = where(key);
    if (at !== undefined && member !== null) reached.push([member, at]);
    if (!key.startsWith("enum ") && (key.startsWith("struct ") || key.startsWith("union ")))
      declared.add(key);
  }
  for (const key of chunk.complete) if (where(key) === undefined && !typedefs.has(key)) declared.add(key);
  return {
    names: chunk.defines.map((name) => name.replace(/^(struct|union|enum) /, "")),
    needs,
    reached,
    mentions: [...declared],
    text: chunk.text,
  };
});
// One declaration a line, so that a new kernel's changes read as a diff.
const source = JSON.stringify("bpftool btf dump file /sys/kernel/btf/vmlinux format c");
writeFileSync(
  new URL("../src/engine/source/headers/vmlinux-btf.json", import.meta.url),
  `{"source": ${source}, "declarations": [\n${table.map((t) => JSON.stringify(t)).join(",\n")}\n]}\n`,
);
const bytes = table.reduce((sum, t) => sum + t.text.length, 0);
console.log(`${table.length} of ${parsed.length} declarations, ${(bytes / 1024).toFixed(0)} KB of C`);
