// In the shape of the kernel selftests' dev_cgroup.c: a cgroup/dev program allows the char
// devices /dev/zero (1:5) and /dev/urandom (1:9) and refuses the others.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("cgroup/dev")
int bpf_prog1(struct bpf_cgroup_dev_ctx *ctx)
{
	short type = ctx->access_type & 0xFFFF;
	short access = ctx->access_type >> 16;

	if (type == BPF_DEVCG_DEV_BLOCK)
		return 0;
	if ((access & BPF_DEVCG_ACC_MKNOD) && ctx->major != 1)
		return 0;
	if (ctx->major != 1)
		return 0;
	switch (ctx->minor) {
	case 5: /* 1:5 /dev/zero */
	case 9: /* 1:9 /dev/urandom */
		return 1;
	}
	return 0;
}

char _license[] SEC("license") = "GPL";
