import type { ProgramType } from "../loader/sections";
import { BPF_FUNC_redirect } from "../target/kernel";

/**
 * Helpers each program type may call, among those Tailscope declares (net/core/filter.c
 * `*_func_proto`, kernel/bpf/helpers.c `bpf_base_func_proto`; checked on 6.18 by the
 * conformance corpus). A helper outside its type's set fails the load with
 * `program of this type cannot use helper NAME#ID`.
 */
// bpf_get_current_pid_tgid is in every type's set for a privileged loader since 6.x (checked on 6.18).
// So are bpf_get_current_comm and the boot and coarse clocks (checked on 6.18 for cgroup_skb and XDP).
const base = [1, 2, 3, 5, 6, 7, 8, 12, 14, 16, 125, 160, 177];
const allowed: Readonly<Record<ProgramType, ReadonlySet<number>>> = {
  cgroup_skb: new Set([...base, 26]),
  sched_cls: new Set([...base, 26, BPF_FUNC_redirect]),
  socket_filter: new Set([...base, 26]),
  xdp: new Set([...base, BPF_FUNC_redirect]),
};

export function helperAllowed(type: ProgramType, id: number): boolean {
  // Helpers Tailscope does not model are not judged here; the loader warns about them.
  return !knownIds.has(id) || allowed[type].has(id);
}

const knownIds = new Set([...base, 26, BPF_FUNC_redirect]);

/**
 * Licenses the kernel counts as GPL-compatible (include/linux/license.h
 * license_is_gpl_compatible): only these may call gpl_only helpers such as bpf_trace_printk.
 */
const gplLicenses = new Set([
  "GPL",
  "GPL v2",
  "GPL and additional rights",
  "Dual BSD/GPL",
  "Dual MIT/GPL",
  "Dual MPL/GPL",
]);

export function gplCompatible(license: string | null): boolean {
  return license !== null && gplLicenses.has(license);
}
