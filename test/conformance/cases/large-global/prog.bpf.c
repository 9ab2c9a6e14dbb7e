// A global array too large to report as hex (2 MB of .bss), written by a store, memset,
// memcpy, a bit-field and bpf_skb_load_bytes, at offsets spread over its pages. The report
// lists the runs of bytes that are not zero; the kernel's dump of the whole array must agree.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct record {
	__u32 seen;
	__u8 flags : 3, kind : 5;
	__u8 copy[16];
};

struct record table[65536];

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u32 slot = (skb->len * 97 + cpu * 4099) & 0xffff;
	struct record *r = &table[slot];
	r->seen += 1;
	r->kind = 9;
	__builtin_memset(r->copy, 0xab, 4);
	__u8 tmp[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	__builtin_memcpy(&r->copy[8], tmp, 8);
	bpf_skb_load_bytes(skb, 0, &table[65535].copy[0], 4);
	return 1;
}
