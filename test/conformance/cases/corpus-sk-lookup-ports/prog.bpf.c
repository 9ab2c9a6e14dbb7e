// An sk_lookup program in the shape of the selftests' test_sk_lookup.c (without its sockmap):
// connections to port 7007 are refused, TCP to the 7000s logged, the rest looked up as usual.
#include <linux/bpf.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>

SEC("sk_lookup")
int dispatch(struct bpf_sk_lookup *ctx)
{
	if (ctx->local_port == 7007)
		return SK_DROP;
	if (ctx->protocol == IPPROTO_TCP && ctx->local_port >= 7000 && ctx->local_port < 8000)
		bpf_printk("lookup for port %u", ctx->local_port);
	return SK_PASS;
}

char _license[] SEC("license") = "GPL";
