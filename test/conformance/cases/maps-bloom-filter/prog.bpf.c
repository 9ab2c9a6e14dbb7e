// Bloom filters: two tiny ones with BPF_F_ZERO_SEED, whose 64 bits fill up so that false
// positives show which bits the kernel's jhash sets (a 4-byte value uses jhash2, a 6-byte one
// jhash), and a large one with a random seed, where only what was added is sure to be found.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 2);
	__uint(map_extra, 1);
	__uint(map_flags, BPF_F_ZERO_SEED);
	__type(value, __u32);
} words SEC(".maps");

struct shortish {
	__u16 a, b, c;
};

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 1);
	__uint(map_extra, 1);
	__uint(map_flags, BPF_F_ZERO_SEED);
	__type(value, struct shortish);
} bytes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 1000);
	__type(value, __u64);
} seeded SEC(".maps");

__u32 packets;

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 n = ++packets;
	__u32 w = n * 2654435761u;
	struct shortish s = { .a = n, .b = n * 3, .c = 7 };
	__u64 big = n;
	bpf_map_push_elem(&words, &w, BPF_ANY);
	bpf_map_push_elem(&bytes, &s, BPF_ANY);
	long flagged = bpf_map_push_elem(&seeded, &big, BPF_EXIST);
	bpf_map_push_elem(&seeded, &big, BPF_ANY);

	__u32 hits_words = 0, hits_bytes = 0;
	for (__u32 i = 0; i < 32; i++) {
		__u32 probe = i * 2654435761u;
		struct shortish t = { .a = i, .b = i * 3, .c = 7 };
		if (bpf_map_peek_elem(&words, &probe) == 0)
			hits_words |= 1u << i;
		if (bpf_map_peek_elem(&bytes, &t) == 0)
			hits_bytes |= 1u << i;
	}
	__u64 absent = big + 1000000;
	long found = bpf_map_peek_elem(&seeded, &big);
	long missing = bpf_map_peek_elem(&seeded, &absent);
	bpf_printk("n=%u words %x bytes %x", n, hits_words, hits_bytes);
	bpf_printk("seeded %ld %ld %ld", flagged, found, missing);
	return XDP_PASS;
}
