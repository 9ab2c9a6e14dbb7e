import type { ProgramType } from "../loader/sections";

/**
 * Helpers each program type may call, among those Tailscope declares (net/core/filter.c
 * `*_func_proto`, kernel/bpf/helpers.c `bpf_base_func_proto`; checked on 6.18 by the
 * conformance corpus). A helper outside its type's set fails the load with
 * `program of this type cannot use helper NAME#ID`.
 */
// bpf_get_current_pid_tgid is in every type's set for a privileged loader since 6.x (checked on 6.18).
// So are bpf_get_current_comm and the boot and coarse clocks (checked on 6.18 for cgroup_skb and XDP).
const base = [1, 2, 3, 5, 6, 7, 8, 12, 14, 16, 125, 160, 177];
/** bpf_redirect: tc's and XDP's own (cgroup_skb: `cannot use helper bpf_redirect#23` [E]). */
const REDIRECT = 23;
const allowed: Readonly<Record<ProgramType, ReadonlySet<number>>> = {
  cgroup_skb: new Set([...base, 26]),
  sched_cls: new Set([...base, 26, REDIRECT]),
  socket_filter: new Set([...base, 26]),
  xdp: new Set([...base, REDIRECT]),
};

export function helperAllowed(type: ProgramType, id: number): boolean {
  // Helpers Tailscope does not model are not judged here; the loader warns about them.
  return !knownIds.has(id) || allowed[type].has(id);
}

const knownIds = new Set([...base, 26, REDIRECT]);
