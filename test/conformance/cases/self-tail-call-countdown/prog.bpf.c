#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int countdown(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} self SEC(".maps") = { .values = { [0] = (void *)&countdown } };

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} left SEC(".maps");

SEC("cgroup_skb/egress")
int countdown(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u32 *n = bpf_map_lookup_elem(&left, &zero);
	if (!n)
		return 0;
	if (*n == 0)
		*n = 5;
	*n -= 1;
	bpf_printk("countdown %u on cpu %u", *n, bpf_get_smp_processor_id());
	if (*n > 0)
		bpf_tail_call(skb, &self, 0);
	return 1;
}
