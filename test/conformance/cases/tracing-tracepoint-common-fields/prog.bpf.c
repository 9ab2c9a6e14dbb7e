// A tracepoint's record starts with 8 bytes of common fields a BPF program may not read.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	unsigned short type = *(unsigned short *)ctx;

	bpf_printk("event type %d", type);
	return 0;
}
