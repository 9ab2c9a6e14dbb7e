// Arithmetic on void pointers moves them by bytes, as GNU C has it (sizeof(void) is 1): by
// `+=`, `-=`, `++` and `--`, on a local and on a struct member, as packet cursors are moved.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct cursor {
	void *pos;
};

char _license[] SEC("license") = "GPL";

SEC("xdp")
int void_steps(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct cursor c = { .pos = data };
	struct cursor *cur = &c;
	void *q = data;
	int n = 14;

	q += n;
	cur->pos += n;
	q++;
	cur->pos -= 2;
	c.pos++;
	bpf_printk("q %ld cursor %ld", (long)(q - data), (long)(c.pos - data));
	if (q + 1 > data_end)
		return XDP_ABORTED;
	return *(__u8 *)q == 0 ? XDP_DROP : XDP_PASS;
}
