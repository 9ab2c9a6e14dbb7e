#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

// Loads a call to every helper id in each program type Tailscope knows and prints which the kernel
// lets the type call, and which of those it refuses without a GPL-compatible license:
//   socket_filter: 1 2 3 …
//   socket_filter gpl: 6 22 …
// The verifier looks up the helper's prototype for the type before it checks any argument, so
// a call with no arguments set up is enough. Needs root (CAP_BPF and CAP_PERFMON widen the sets).
static char log_buf[65536];

static int load(int type, int attach, int id, const char *license)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = id },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.expected_attach_type = attach;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = 3;
	attr.license = (unsigned long)license;
	attr.log_buf = (unsigned long)log_buf;
	attr.log_size = sizeof(log_buf);
	attr.log_level = 1;
	log_buf[0] = 0;
	int fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd >= 0) close(fd);
	if (strstr(log_buf, "cannot use helper") || strstr(log_buf, "invalid func") || strstr(log_buf, "unknown func"))
		return 0;
	if (strstr(log_buf, "GPL-restricted")) return 2;
	return 1;
}

int main(void)
{
	struct { const char *name; int type, attach; } types[] = {
		{ "socket_filter", BPF_PROG_TYPE_SOCKET_FILTER, 0 },
		{ "sched_cls", BPF_PROG_TYPE_SCHED_CLS, 0 },
		{ "xdp", BPF_PROG_TYPE_XDP, 0 },
		{ "cgroup_skb", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS },
		{ "kprobe", BPF_PROG_TYPE_KPROBE, 0 },
		{ "tracepoint", BPF_PROG_TYPE_TRACEPOINT, 0 },
		{ "raw_tracepoint", BPF_PROG_TYPE_RAW_TRACEPOINT, 0 },
	};
	for (unsigned t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		printf("%s:", types[t].name);
		for (int id = 1; id < 260; id++)
			if (load(types[t].type, types[t].attach, id, "GPL")) printf(" %d", id);
		printf("\n%s gpl:", types[t].name);
		for (int id = 1; id < 260; id++)
			if (load(types[t].type, types[t].attach, id, "Proprietary") == 2) printf(" %d", id);
		printf("\n");
	}
	return 0;
}
