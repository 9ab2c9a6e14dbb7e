// Sizes, offsets and values from <linux/bpf.h> that forwarding programs use; clang reads them
// from this kernel's BTF (vmlinux.h), Tailscope from its own header.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define OFF(type, field) __builtin_offsetof(struct type, field)

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_printk("fib %lu %lu %lu", sizeof(struct bpf_fib_lookup), OFF(bpf_fib_lookup, ifindex),
		   OFF(bpf_fib_lookup, tot_len));
	bpf_printk("fib %lu %lu %lu", OFF(bpf_fib_lookup, ipv4_src), OFF(bpf_fib_lookup, ipv6_dst),
		   OFF(bpf_fib_lookup, h_vlan_TCI));
	bpf_printk("fib %lu %lu %lu", OFF(bpf_fib_lookup, tbid), OFF(bpf_fib_lookup, smac),
		   OFF(bpf_fib_lookup, dmac));
	bpf_printk("maps %lu %lu %lu", sizeof(struct bpf_cpumap_val), OFF(bpf_cpumap_val, bpf_prog),
		   sizeof(struct bpf_devmap_val));
	bpf_printk("codes %d %d %d", BPF_DROP, BPF_REDIRECT, BPF_LWT_REROUTE);
	bpf_printk("fib %d %d %d", BPF_FIB_LOOKUP_OUTPUT, BPF_FIB_LOOKUP_MARK, BPF_FIB_LKUP_RET_NO_SRC_ADDR);
	return 0;
}
