// Perf event output as older tools send events: on the running CPU (BPF_F_CURRENT_CPU), with
// packet bytes appended by the flags' upper half, and the errors of another CPU's slot, a slot
// past the array, unknown flags and more packet bytes than there are.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} samples SEC(".maps");

struct short_event {
	__u16 cpu;
	__u16 len;
	__u16 seq;
};

__u32 packets;

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 n = ++packets;
	__u32 cpu = bpf_get_smp_processor_id();
	struct short_event e = { .cpu = cpu, .len = skb->len, .seq = n };
	long here = bpf_perf_event_output(skb, &samples, BPF_F_CURRENT_CPU, &e, sizeof(e));
	__u64 with_bytes = BPF_F_CURRENT_CPU | ((__u64)14 << 32);
	long headed = bpf_perf_event_output(skb, &samples, with_bytes, &n, sizeof(n));
	long other = bpf_perf_event_output(skb, &samples, cpu ^ 1, &n, sizeof(n));
	long beyond = bpf_perf_event_output(skb, &samples, 64, &n, sizeof(n));
	long flagged = bpf_perf_event_output(skb, &samples, BPF_F_CURRENT_CPU | (1ULL << 60), &n, sizeof(n));
	long too_long = bpf_perf_event_output(skb, &samples, BPF_F_CURRENT_CPU | ((__u64)5000 << 32), &n, sizeof(n));
	bpf_printk("here %ld headed %ld other %ld", here, headed, other);
	bpf_printk("beyond %ld flagged %ld too long %ld", beyond, flagged, too_long);
	return 0;
}
