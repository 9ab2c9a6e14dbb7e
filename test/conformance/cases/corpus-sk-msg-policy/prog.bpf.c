// An sk_msg verdict program in the shape of sockmap policies (the selftests' test_sockmap_kern
// without its maps): messages to port 80 are dropped, others are checked for a 4-byte magic and
// let through a hundred bytes at a time.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("sk_msg")
int msg_policy(struct sk_msg_md *msg)
{
	void *data_end = msg->data_end;
	void *data = msg->data;
	__u32 *magic = data;

	if (msg->remote_port == bpf_htonl(80))
		return SK_DROP;
	if ((void *)(magic + 1) > data_end)
		return SK_PASS;
	if (*magic == 0xdeadbeef)
		return SK_DROP;
	bpf_msg_apply_bytes(msg, 100);
	return SK_PASS;
}

char _license[] SEC("license") = "GPL";
