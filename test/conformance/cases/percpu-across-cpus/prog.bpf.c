#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} seen_by_cpu SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u32 k = cpu % 3;
	__u64 *c = bpf_map_lookup_elem(&counters, &k);
	if (c)
		*c += skb->len;
	__u32 *s = bpf_map_lookup_elem(&seen_by_cpu, &cpu);
	if (s)
		__sync_fetch_and_add(s, 1);
	return 1;
}
