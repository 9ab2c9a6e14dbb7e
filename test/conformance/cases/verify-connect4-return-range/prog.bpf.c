// cgroup/connect4 programs answer 0 (refuse) or 1 (allow); bind4's may also say 2 and 3. A
// connect4 program returning 2 is refused at its return.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("cgroup/connect4")
int connect4(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port == 0)
		return 2;
	return 1;
}

SEC("cgroup/bind4")
int bind4(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port == 0)
		return 3;
	return 1;
}

char _license[] SEC("license") = "GPL";
