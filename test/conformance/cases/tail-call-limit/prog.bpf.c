#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int again(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} self SEC(".maps") = { .values = { [0] = (void *)&again } };

__u32 runs;

SEC("cgroup_skb/egress")
int again(struct __sk_buff *skb)
{
	runs++;
	bpf_tail_call(skb, &self, 0);
	bpf_printk("fell through after %u runs", runs);
	return 1;
}
