// A sockops program in the shape of the kernel's samples/bpf/tcp_basertt_kern.c: on the
// BASE_RTT callback it sets the connection's base RTT through bpf_setsockopt, and answers in
// skops->reply. Checked, not run.
#include <linux/bpf.h>
#include <linux/socket.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define SOL_TCP 6
#define TCP_CONGESTION 13
#define TCP_BPF_BASE_RTT 1004

SEC("sockops")
int bpf_basertt(struct bpf_sock_ops *skops)
{
	char cong[20];
	char nv[] = "nv";
	int rv = 0, n;
	int op;

	op = (int)skops->op;

	/* Only the connections to or from port 55601. */
	if (bpf_ntohl(skops->remote_port) != 55601 && skops->local_port != 55601) {
		skops->reply = -1;
		return 0;
	}

	switch (op) {
	case BPF_SOCK_OPS_BASE_RTT:
		n = bpf_getsockopt(skops, SOL_TCP, TCP_CONGESTION, cong, sizeof(cong));
		if (!n && !__builtin_memcmp(cong, nv, sizeof(nv) + 1)) {
			/* Set base_rtt to 80us */
			rv = 80;
		} else if (n) {
			rv = n;
		} else {
			rv = -1;
		}
		break;
	default:
		rv = -1;
	}

	bpf_printk("op %d reply %d", op, rv);
	skops->reply = rv;
	return 1;
}
char _license[] SEC("license") = "GPL";
