// Two failing constants: the kernel names the early return's, -1 (sign-extended, one of two).
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
static __always_inline int pick(__u32 v) { if (v > 0) return -1; return 4; }
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { return pick(skb->len); }
