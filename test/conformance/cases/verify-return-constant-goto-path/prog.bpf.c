// The goto's path reaches the exit first: the kernel names its -1, not the 4 after it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress") int entry(struct __sk_buff *skb) { int ret = -1; if (skb->len > 0) goto out; ret = 4; out: return ret; }
