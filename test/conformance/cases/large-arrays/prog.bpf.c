// Arrays too large to list every element: a 300,000-element PERCPU_ARRAY and a 200,000-element
// ARRAY, each written at a few indexes on each CPU. The report lists the elements reached; the
// kernel's other elements must all still be zeros.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 300000);
	__type(key, __u32);
	__type(value, __u64);
} per_cpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 200000);
	__type(key, __u32);
	__type(value, __u32);
} shared SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u32 key = 299999 - cpu * 1000;
	__u64 *slot = bpf_map_lookup_elem(&per_cpu, &key);
	if (slot)
		*slot += skb->len;
	key = 7;
	slot = bpf_map_lookup_elem(&per_cpu, &key);
	if (slot)
		*slot += 1;
	__u32 index = 123456 + cpu;
	__u32 value = skb->len * 2;
	bpf_map_update_elem(&shared, &index, &value, BPF_ANY);
	return 1;
}
