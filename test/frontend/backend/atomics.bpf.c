// GNU atomics as clang 14's BPF backend compiles them by default: 64-bit ones all, a 32-bit add
// whose result is unused, and nothing else narrower than 64 bits.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 total;
__u32 packets;
__u32 flags;

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u64 before = __sync_fetch_and_add(&total, 1);
	__sync_fetch_and_add(&packets, 1);
	__sync_fetch_and_or(&total, before & 4);
	__sync_fetch_and_or(&flags, 2);
	return XDP_PASS;
}
