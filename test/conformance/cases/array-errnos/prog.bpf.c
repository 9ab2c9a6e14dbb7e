#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} table SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 in = 3, out = 4, v = 0xabcd;
	long r1 = bpf_map_update_elem(&table, &in, &v, BPF_ANY);
	long r2 = bpf_map_update_elem(&table, &in, &v, BPF_NOEXIST);
	long r3 = bpf_map_update_elem(&table, &out, &v, BPF_ANY);
	long r4 = bpf_map_delete_elem(&table, &in);
	long r5 = bpf_map_update_elem(&table, &in, &v, BPF_EXIST);
	void *p = bpf_map_lookup_elem(&table, &out);
	bpf_printk("%ld %ld %ld", r1, r2, r3);
	bpf_printk("%ld %ld lookup-out-of-range-null=%d", r4, r5, p == 0);
	return 1;
}
