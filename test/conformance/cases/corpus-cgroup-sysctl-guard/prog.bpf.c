// In the shape of the kernel selftests' test_sysctl_prog.c: a cgroup/sysctl program allows
// reading any sysctl, and writing any but net/ipv4/tcp_mem, which it knows by its name's two
// 8-byte words.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* "net/ipv4" and "/tcp_mem" read as little-endian words. */
#define NET_IPV4 0x347670692f74656eULL
#define TCP_MEM 0x6d656d5f7063742fULL

SEC("cgroup/sysctl")
int sysctl_tcp_mem(struct bpf_sysctl *ctx)
{
	__u64 name[3] = {};

	if (!ctx->write)
		return 1;
	if (bpf_sysctl_get_name(ctx, name, sizeof(name), 0) != 16)
		return 1;
	return name[0] == NET_IPV4 && name[1] == TCP_MEM ? 0 : 1;
}

char _license[] SEC("license") = "GPL";
