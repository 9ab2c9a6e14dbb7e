#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} table SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 a = 1, b = 2, c = 3;
	__u64 v = 10;
	long r1 = bpf_map_update_elem(&table, &a, &v, BPF_NOEXIST);
	long r2 = bpf_map_update_elem(&table, &a, &v, BPF_NOEXIST);
	long r3 = bpf_map_update_elem(&table, &b, &v, BPF_EXIST);
	bpf_printk("noexist %ld again %ld exist-missing %ld", r1, r2, r3);
	v = 20;
	long r4 = bpf_map_update_elem(&table, &b, &v, BPF_ANY);
	long r5 = bpf_map_update_elem(&table, &c, &v, BPF_ANY);
	long r6 = bpf_map_update_elem(&table, &a, &v, BPF_EXIST);
	bpf_printk("any %ld full %ld exist %ld", r4, r5, r6);
	long r7 = bpf_map_delete_elem(&table, &c);
	long r8 = bpf_map_update_elem(&table, &a, &v, 7);
	long r9 = bpf_map_delete_elem(&table, &b);
	bpf_printk("delete-missing %ld bad-flags %ld delete %ld", r7, r8, r9);
	return 1;
}
