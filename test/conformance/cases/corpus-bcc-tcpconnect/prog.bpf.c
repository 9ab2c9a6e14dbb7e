// In the shape of libbpf-tools' tcpconnect.bpf.c: the kprobe keeps the socket by thread id, the
// kretprobe reads the destination from it through CO-RE once the connect has returned.
// Checked, not run.
#define __TARGET_ARCH_x86
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, struct sock *);
} sockets SEC(".maps");

SEC("kprobe/tcp_v4_connect")
int BPF_KPROBE(tcp_v4_connect_entry, struct sock *sk)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();

	bpf_map_update_elem(&sockets, &tid, &sk, 0);
	return 0;
}

SEC("kretprobe/tcp_v4_connect")
int BPF_KRETPROBE(tcp_v4_connect_exit, int ret)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();
	struct sock **skpp, *sk;
	u32 daddr;
	u16 dport;

	skpp = bpf_map_lookup_elem(&sockets, &tid);
	if (!skpp)
		return 0;
	if (ret)
		goto end;
	sk = *skpp;
	daddr = BPF_CORE_READ(sk, __sk_common.skc_daddr);
	dport = BPF_CORE_READ(sk, __sk_common.skc_dport);
	bpf_printk("connect to %pI4:%d", &daddr, bpf_ntohs(dport));
end:
	bpf_map_delete_elem(&sockets, &tid);
	return 0;
}
