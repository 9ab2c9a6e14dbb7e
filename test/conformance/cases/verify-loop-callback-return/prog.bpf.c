#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

static int step(__u32 index, void *data)
{
	/* 0 goes on, 1 stops: 2 is neither. */
	return 2;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_loop(4, step, NULL, 0);
	return 0;
}
