// A cgroup/connect4 program in the shape of the kernel selftests' connect4_prog.c: a TCP or
// UDP connect to 127.0.0.1:4040 is sent to 127.0.0.4:4444 instead, by rewriting the socket
// address the program gets. Checked, not run.
#include <linux/bpf.h>
#include <linux/in.h>
#include <sys/socket.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define SRC_REWRITE_IP4		0x7f000004U
#define DST_REWRITE_IP4		0x7f000001U
#define DST_REWRITE_PORT4	4444

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} rewrites SEC(".maps");

SEC("cgroup/connect4")
int connect_v4_prog(struct bpf_sock_addr *ctx)
{
	__u32 zero = 0;
	__u64 *count;

	if (ctx->type != SOCK_STREAM && ctx->type != SOCK_DGRAM)
		return 0;
	if (ctx->user_ip4 != bpf_htonl(0x7f000001) || ctx->user_port != bpf_htons(4040))
		return 1;

	/* Rewrite the destination. */
	ctx->user_ip4 = bpf_htonl(SRC_REWRITE_IP4);
	ctx->user_port = bpf_htons(DST_REWRITE_PORT4);

	count = bpf_map_lookup_elem(&rewrites, &zero);
	if (count)
		__sync_fetch_and_add(count, 1);
	return 1;
}

char _license[] SEC("license") = "GPL";
