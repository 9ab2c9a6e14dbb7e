#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} small SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} lru SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u8 buf[8] = {};
	__u32 k;
	__u64 v = 7;
	long r1 = bpf_skb_load_bytes(skb, skb->len, buf, 1);
	long r2 = bpf_skb_load_bytes(skb, skb->len - 8, buf, 8);
	long r3 = bpf_skb_load_bytes(skb, -1, buf, 1);
	long r4 = bpf_skb_load_bytes(skb, 0xffff, buf, 1);
	bpf_printk("%ld %ld %ld %ld %x", r1, r2, r3, r4, buf[7]);
	k = 1; long u1 = bpf_map_update_elem(&small, &k, &v, BPF_ANY);
	k = 2; long u2 = bpf_map_update_elem(&small, &k, &v, BPF_ANY);
	k = 3; long u3 = bpf_map_update_elem(&small, &k, &v, BPF_ANY);
	k = 2; long u4 = bpf_map_update_elem(&small, &k, &v, BPF_ANY);
	k = 3; long u5 = bpf_map_update_elem(&small, &k, &v, 4);
	k = 3; long d1 = bpf_map_delete_elem(&small, &k);
	bpf_printk("%ld %ld %ld %ld", u1, u2, u3, u4);
	bpf_printk("%ld %ld", u5, d1);
	k = 0; long a1 = bpf_map_update_elem(&arr, &k, &v, BPF_F_LOCK);
	k = 5; long a2 = bpf_map_update_elem(&arr, &k, &v, BPF_F_LOCK);
	k = 1; long a3 = bpf_map_update_elem(&arr, &k, &v, BPF_NOEXIST | BPF_F_LOCK);
	k = 1; long l1 = bpf_map_update_elem(&lru, &k, &v, BPF_F_LOCK);
	bpf_printk("%ld %ld %ld %ld", a1, a2, a3, l1);
	return 1;
}
