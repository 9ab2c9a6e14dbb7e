#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct stats {
	__u64 packets;
	__u64 flags;
	__u32 bytes;
	__u32 spare;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct stats);
} counters SEC(".maps");

/* clang 14 compiles a 32-bit atomic only as an add whose result is unused, hence the 64-bit
 * flags. */
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 zero = 0, one = 1;
	struct stats *s = bpf_map_lookup_elem(&counters, &zero);
	struct stats *t = bpf_map_lookup_elem(&counters, &one);
	static __u32 seen;
	if (!s || !t)
		return 1;
	__u64 before = __sync_fetch_and_add(&s->packets, 1);
	__sync_fetch_and_add(&s->bytes, skb->len);
	__sync_fetch_and_or(&s->flags, 1u << (before & 3));
	*t = *s;
	t->flags ^= 0xff;
	seen++;
	bpf_printk("%llu %u %llx", before, s->bytes, t->flags);
	bpf_printk("seen=%u", seen);
	return 1;
}
