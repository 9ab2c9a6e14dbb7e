// samples/bpf names its socket programs SEC("socket/0"), SEC("socket/1") … for its own loader;
// libbpf 1.x matches "socket" exactly, so it finds no program type for these sections.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("socket/0")
int entry(struct __sk_buff *skb)
{
	return skb->len;
}
