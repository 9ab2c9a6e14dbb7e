// A cgroup/sock program in the shape of samples/bpf's sock_flags_kern.c: each new socket of the
// cgroup gets a mark and a priority by its family and type; IPv6 raw ICMP sockets are refused.
#include <linux/bpf.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <sys/socket.h>
#include <bpf/bpf_helpers.h>

SEC("cgroup/sock")
int sock_create(struct bpf_sock *sk)
{
	__u32 uid = bpf_get_current_uid_gid() & 0xffffffff;

	if (sk->family == AF_INET6 && sk->type == SOCK_RAW && sk->protocol == IPPROTO_ICMPV6)
		return 0;
	sk->mark = 123;
	sk->priority = uid == 0 ? 6 : 0;
	bpf_printk("socket family %d type %d", sk->family, sk->type);
	return 1;
}

char _license[] SEC("license") = "GPL";
