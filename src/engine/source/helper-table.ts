/**
 * The kernel helpers Tailscope declares, by the kernel's helper id (libbpf's
 * bpf_helper_defs.h, include/uapi/linux/bpf.h `___BPF_FUNC_MAPPER`). The built-in
 * `<bpf/bpf_helper_defs.h>` is generated from this table, and the runtime dispatches on the
 * same ids, so a name and its id are written once.
 */
export interface HelperDeclaration {
  readonly id: number;
  readonly name: string;
  /** C return type as libbpf declares it. */
  readonly returns: string;
  /** C parameter list as libbpf declares it. */
  readonly params: string;
  /** Needs a GPL-compatible license (`cannot call GPL-restricted function …`). */
  readonly gplOnly?: boolean;
}

export const helperDeclarations: readonly HelperDeclaration[] = [
  { id: 1, name: "bpf_map_lookup_elem", returns: "void *", params: "void *map, const void *key" },
  {
    id: 2,
    name: "bpf_map_update_elem",
    returns: "long",
    params: "void *map, const void *key, const void *value, __u64 flags",
  },
  { id: 3, name: "bpf_map_delete_elem", returns: "long", params: "void *map, const void *key" },
  {
    id: 4,
    name: "bpf_probe_read",
    returns: "long",
    params: "void *dst, __u32 size, const void *unsafe_ptr",
    gplOnly: true,
  },
  { id: 5, name: "bpf_ktime_get_ns", returns: "__u64", params: "void" },
  {
    id: 6,
    name: "bpf_trace_printk",
    returns: "long",
    params: "const char *fmt, __u32 fmt_size, ...",
    gplOnly: true,
  },
  { id: 7, name: "bpf_get_prandom_u32", returns: "__u32", params: "void" },
  { id: 8, name: "bpf_get_smp_processor_id", returns: "__u32", params: "void" },
  {
    id: 9,
    name: "bpf_skb_store_bytes",
    returns: "long",
    params: "struct __sk_buff *skb, __u32 offset, const void *from, __u32 len, __u64 flags",
  },
  {
    id: 10,
    name: "bpf_l3_csum_replace",
    returns: "long",
    params: "struct __sk_buff *skb, __u32 offset, __u64 from, __u64 to, __u64 size",
  },
  {
    id: 11,
    name: "bpf_l4_csum_replace",
    returns: "long",
    params: "struct __sk_buff *skb, __u32 offset, __u64 from, __u64 to, __u64 flags",
  },
  { id: 12, name: "bpf_tail_call", returns: "long", params: "void *ctx, void *prog_array_map, __u32 index" },
  {
    id: 13,
    name: "bpf_clone_redirect",
    returns: "long",
    params: "struct __sk_buff *skb, __u32 ifindex, __u64 flags",
  },
  { id: 14, name: "bpf_get_current_pid_tgid", returns: "__u64", params: "void" },
  { id: 15, name: "bpf_get_current_uid_gid", returns: "__u64", params: "void" },
  { id: 16, name: "bpf_get_current_comm", returns: "long", params: "void *buf, __u32 size_of_buf" },
  { id: 17, name: "bpf_get_cgroup_classid", returns: "__u32", params: "struct __sk_buff *skb" },
  { id: 23, name: "bpf_redirect", returns: "long", params: "__u32 ifindex, __u64 flags" },
  {
    id: 25,
    name: "bpf_perf_event_output",
    returns: "long",
    params: "void *ctx, void *map, __u64 flags, void *data, __u64 size",
    gplOnly: true,
  },
  {
    id: 26,
    name: "bpf_skb_load_bytes",
    returns: "long",
    params: "const void *skb, __u32 offset, void *to, __u32 len",
  },
  {
    id: 28,
    name: "bpf_csum_diff",
    returns: "__s64",
    params: "__be32 *from, __u32 from_size, __be32 *to, __u32 to_size, __wsum seed",
  },
  { id: 34, name: "bpf_get_hash_recalc", returns: "__u32", params: "struct __sk_buff *skb" },
  { id: 39, name: "bpf_skb_pull_data", returns: "long", params: "struct __sk_buff *skb, __u32 len" },
  { id: 42, name: "bpf_get_numa_node_id", returns: "long", params: "void" },
  { id: 44, name: "bpf_xdp_adjust_head", returns: "long", params: "struct xdp_md *xdp_md, int delta" },
  { id: 46, name: "bpf_get_socket_cookie", returns: "__u64", params: "void *ctx" },
  { id: 47, name: "bpf_get_socket_uid", returns: "__u32", params: "struct __sk_buff *skb" },
  { id: 51, name: "bpf_redirect_map", returns: "long", params: "void *map, __u64 key, __u64 flags" },
  { id: 54, name: "bpf_xdp_adjust_meta", returns: "long", params: "struct xdp_md *xdp_md, int delta" },
  { id: 65, name: "bpf_xdp_adjust_tail", returns: "long", params: "struct xdp_md *xdp_md, int delta" },
  {
    id: 68,
    name: "bpf_skb_load_bytes_relative",
    returns: "long",
    params: "const void *skb, __u32 offset, void *to, __u32 len, __u32 start_header",
  },
  { id: 79, name: "bpf_skb_cgroup_id", returns: "__u64", params: "struct __sk_buff *skb" },
  { id: 80, name: "bpf_get_current_cgroup_id", returns: "__u64", params: "void" },
  { id: 87, name: "bpf_map_push_elem", returns: "long", params: "void *map, const void *value, __u64 flags" },
  { id: 88, name: "bpf_map_pop_elem", returns: "long", params: "void *map, void *value" },
  { id: 89, name: "bpf_map_peek_elem", returns: "long", params: "void *map, void *value" },
  { id: 93, name: "bpf_spin_lock", returns: "long", params: "struct bpf_spin_lock *lock" },
  { id: 94, name: "bpf_spin_unlock", returns: "long", params: "struct bpf_spin_lock *lock" },
  {
    id: 112,
    name: "bpf_probe_read_user",
    returns: "long",
    params: "void *dst, __u32 size, const void *unsafe_ptr",
    gplOnly: true,
  },
  {
    id: 113,
    name: "bpf_probe_read_kernel",
    returns: "long",
    params: "void *dst, __u32 size, const void *unsafe_ptr",
    gplOnly: true,
  },
  { id: 125, name: "bpf_ktime_get_boot_ns", returns: "__u64", params: "void" },
  {
    id: 130,
    name: "bpf_ringbuf_output",
    returns: "long",
    params: "void *ringbuf, void *data, __u64 size, __u64 flags",
  },
  {
    id: 131,
    name: "bpf_ringbuf_reserve",
    returns: "void *",
    params: "void *ringbuf, __u64 size, __u64 flags",
  },
  { id: 132, name: "bpf_ringbuf_submit", returns: "void", params: "void *data, __u64 flags" },
  { id: 133, name: "bpf_ringbuf_discard", returns: "void", params: "void *data, __u64 flags" },
  { id: 160, name: "bpf_ktime_get_coarse_ns", returns: "__u64", params: "void" },
  {
    id: 164,
    name: "bpf_for_each_map_elem",
    returns: "long",
    params: "void *map, void *callback_fn, void *callback_ctx, __u64 flags",
  },
  {
    id: 165,
    name: "bpf_snprintf",
    returns: "long",
    params: "char *str, __u32 str_size, const char *fmt, __u64 *data, __u32 data_len",
  },
  {
    id: 177,
    name: "bpf_trace_vprintk",
    returns: "long",
    params: "const char *fmt, __u32 fmt_size, const void *data, __u32 data_len",
    gplOnly: true,
  },
  {
    id: 181,
    name: "bpf_loop",
    returns: "long",
    params: "__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags",
  },
  { id: 182, name: "bpf_strncmp", returns: "long", params: "const char *s1, __u32 s1_sz, const char *s2" },
  {
    id: 195,
    name: "bpf_map_lookup_percpu_elem",
    returns: "void *",
    params: "void *map, const void *key, __u32 cpu",
  },
];

export const helperById: ReadonlyMap<number, HelperDeclaration> = new Map(
  helperDeclarations.map((h) => [h.id, h]),
);

/** The text of `<bpf/bpf_helper_defs.h>`: each helper a constant function pointer holding its id. */
export function helperDefsHeader(): string {
  const lines = helperDeclarations.map((h) => {
    const star = h.returns.endsWith("*") ? h.returns : `${h.returns} `;
    return `static ${star}(* const ${h.name})(${h.params}) = (void *) ${h.id};`;
  });
  return [
    "#ifndef __BPF_HELPER_DEFS_H",
    "#define __BPF_HELPER_DEFS_H",
    "struct bpf_spin_lock;",
    "struct bpf_sock;",
    ...lines,
    "#endif",
    "",
  ].join("\n");
}
