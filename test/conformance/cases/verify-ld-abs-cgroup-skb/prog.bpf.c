#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	/* A cgroup skb program may not use the classic loads, skb or not. */
	return load_byte(skb, 9) == 17;
}
