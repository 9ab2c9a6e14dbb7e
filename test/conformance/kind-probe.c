#include <bpf/btf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

// For each program kind Tailscope checks but does not run, asks this kernel's verifier what a
// program may do, and prints it:
//   sock_ops errno: 0 (what loading `r0 = 0; exit` fails with, or 0)
//   sock_ops returns: 0 1
//   sock_ops read: 0:4 4:4 … (offset:sizes, the sizes as a sum of 1, 2, 4, 8)
//   sock_ops write: …
//   sock_ops helpers: 1 2 3 …
//   sock_ops helpers gpl: 6 …
// A return value is allowed when `r0 = K; exit` loads; a context access when a program doing
// only that access (a load into r0, or a store of r2 = 0) loads; a helper when a call to it is
// refused for no reason but its arguments (helper-probe.c does the same for the run types), and
// GPL-only when a "Proprietary" program may not call it. Needs root.

struct kind {
	const char *name;
	int type, attach;
	/* Load flags libbpf sets for the section: syscall programs are always sleepable. */
	int flags;
	/* The BTF-typed kinds attach to a kernel function or tracepoint, by its BTF id. */
	const char *target;
	int target_kind;
	int target_id;
	/* A struct_ops program implements one member: its index is the expected attach type. */
	const char *member;
};

static const struct kind kinds[] = {
	{ "sock_ops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS },
	{ "cgroup_sock/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE },
	{ "cgroup_sock/sock_release", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_RELEASE },
	{ "cgroup_sock/post_bind4", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND },
	{ "cgroup_sock/post_bind6", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET6_POST_BIND },
	{ "cgroup_sock_addr/bind4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND },
	{ "cgroup_sock_addr/bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_BIND },
	{ "cgroup_sock_addr/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT },
	{ "cgroup_sock_addr/connect6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_CONNECT },
	{ "cgroup_sock_addr/sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_SENDMSG },
	{ "cgroup_sock_addr/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_SENDMSG },
	{ "cgroup_sock_addr/recvmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_RECVMSG },
	{ "cgroup_sock_addr/recvmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_RECVMSG },
	{ "cgroup_sock_addr/getpeername4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETPEERNAME },
	{ "cgroup_sock_addr/getpeername6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETPEERNAME },
	{ "cgroup_sock_addr/getsockname4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETSOCKNAME },
	{ "cgroup_sock_addr/getsockname6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETSOCKNAME },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0 },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER },
	{ "sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT },
	{ "sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP },
	{ "lwt_in", BPF_PROG_TYPE_LWT_IN, 0 },
	{ "lwt_out", BPF_PROG_TYPE_LWT_OUT, 0 },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0 },
	{ "lwt_seg6local", BPF_PROG_TYPE_LWT_SEG6LOCAL, 0 },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0 },
	{ "cgroup_device", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE },
	{ "cgroup_sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL },
	{ "cgroup_sockopt/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT },
	{ "cgroup_sockopt/setsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT },
	{ "sched_act", BPF_PROG_TYPE_SCHED_ACT, 0 },
	{ "sk_reuseport/select", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT },
	{ "sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP },
	{ "xdp/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP },
	{ "kprobe/multi", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, BPF_F_SLEEPABLE },
	{ "tp_btf/sched_switch", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, 0, "btf_trace_sched_switch", BTF_KIND_TYPEDEF },
	{ "iter/task", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, 0, "bpf_iter_task", BTF_KIND_FUNC },
	{ "fentry/do_unlinkat", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, 0, "do_unlinkat", BTF_KIND_FUNC },
	{ "fexit/do_unlinkat", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, 0, "do_unlinkat", BTF_KIND_FUNC },
	{ "fmod_ret/security_file_open", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, 0, "security_file_open", BTF_KIND_FUNC },
	{ "lsm/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, 0, "bpf_lsm_file_open", BTF_KIND_FUNC },
	{ "lsm_cgroup/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_CGROUP, 0, "bpf_lsm_file_open", BTF_KIND_FUNC },
	{ "struct_ops/tcp_congestion_ops.cong_avoid", BPF_PROG_TYPE_STRUCT_OPS, 0, 0, "tcp_congestion_ops", BTF_KIND_STRUCT, 0, "cong_avoid" },
	{ "struct_ops/tcp_congestion_ops.ssthresh", BPF_PROG_TYPE_STRUCT_OPS, 0, 0, "tcp_congestion_ops", BTF_KIND_STRUCT, 0, "ssthresh" },
	{ "struct_ops/tcp_congestion_ops.release", BPF_PROG_TYPE_STRUCT_OPS, 0, 0, "tcp_congestion_ops", BTF_KIND_STRUCT, 0, "release" },
};

#define KINDS (sizeof(kinds) / sizeof(kinds[0]))

/** Past the largest context these kinds have (struct bpf_sock_ops, 216 bytes in 6.18). */
#define PROBED_BYTES 256

static char log_buf[65536];
static int last_errno;

static struct bpf_insn mov_imm(int reg, int imm)
{
	struct bpf_insn insn = { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = reg, .imm = imm };
	return insn;
}

static const struct bpf_insn exit_insn = { .code = BPF_JMP | BPF_EXIT };

static int loads_as(const struct kind *kind, struct bpf_insn *insns, int count, const char *license, int log)
{
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = kind->type;
	attr.expected_attach_type = kind->attach;
	attr.prog_flags = kind->flags;
	attr.attach_btf_id = kind->target_id;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = count;
	attr.license = (unsigned long)license;
	if (log) {
		attr.log_buf = (unsigned long)log_buf;
		attr.log_size = sizeof(log_buf);
		attr.log_level = 1;
		log_buf[0] = 0;
	}
	int fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	last_errno = fd < 0 ? errno : 0;
	if (fd < 0) return 0;
	close(fd);
	return 1;
}

static int loads(const struct kind *kind, struct bpf_insn *insns, int count)
{
	return loads_as(kind, insns, count, "GPL", 0);
}

/** 0: the kind may not call helper `id`; 1: it may; 2: only from a GPL-compatible program. */
static int helper_use(const struct kind *kind, int id, int ret, const char *license)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = id },
		mov_imm(0, ret),
		exit_insn,
	};
	loads_as(kind, insns, 3, license, 1);
	if (strstr(log_buf, "cannot use helper") || strstr(log_buf, "invalid func") || strstr(log_buf, "unknown func"))
		return 0;
	if (strstr(log_buf, "GPL-restricted")) return 2;
	return 1;
}


static int size_code(int size)
{
	return size == 1 ? BPF_B : size == 2 ? BPF_H : size == 4 ? BPF_W : BPF_DW;
}

/** A return value the kind accepts, for the access probes to end with. */
static int accepted_return(const struct kind *kind)
{
	for (int value = 0; value <= 3; value++) {
		struct bpf_insn insns[] = { mov_imm(0, value), exit_insn };
		if (loads(kind, insns, 2)) return value;
	}
	return 0;
}

static int access_loads(const struct kind *kind, int off, int size, int write, int ret)
{
	struct bpf_insn insns[4];
	int n = 0;
	if (write) {
		insns[n++] = mov_imm(2, 0);
		insns[n++] = (struct bpf_insn){ .code = BPF_STX | BPF_MEM | size_code(size), .dst_reg = 1, .src_reg = 2, .off = off };
	} else {
		insns[n++] = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | size_code(size), .dst_reg = 0, .src_reg = 1, .off = off };
	}
	insns[n++] = mov_imm(0, ret);
	insns[n++] = exit_insn;
	return loads(kind, insns, n);
}

/** The index of a struct's member by name, or -1. */
static int member_index(const struct btf *btf, int struct_id, const char *name)
{
	const struct btf_type *type = btf__type_by_id(btf, struct_id);
	const struct btf_member *members = btf_members(type);
	for (int i = 0; i < btf_vlen(type); i++)
		if (!strcmp(btf__name_by_offset(btf, members[i].name_off), name)) return i;
	return -1;
}

/** Past the end of struct tcp_sock (2,400-odd bytes in 6.18), the struct_ops argument probed. */
#define PROBED_ARG_BYTES 4096

/** A store of `size` bytes at `off` into the kernel object the first argument points to. */
static int argument_write_loads(const struct kind *kind, int off, int size)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_LDX | BPF_MEM | BPF_DW, .dst_reg = 1, .src_reg = 1, .off = 0 },
		mov_imm(2, 0),
		{ .code = BPF_STX | BPF_MEM | size_code(size), .dst_reg = 1, .src_reg = 2, .off = off },
		mov_imm(0, 0),
		exit_insn,
	};
	return loads(kind, insns, 5);
}

/** Each BTF-typed kind's target, found in this kernel's BTF, and a struct_ops kind's member. */
static void resolve_targets(struct kind *all, unsigned count)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	for (unsigned k = 0; k < count; k++) {
		if (!all[k].target || !vmlinux) continue;
		all[k].target_id = btf__find_by_name_kind(vmlinux, all[k].target, all[k].target_kind);
		if (all[k].member && all[k].target_id > 0)
			all[k].attach = member_index(vmlinux, all[k].target_id, all[k].member);
	}
}

int main(void)
{
	static struct kind all[KINDS];
	memcpy(all, kinds, sizeof(kinds));
	resolve_targets(all, KINDS);
	for (unsigned k = 0; k < KINDS; k++) {
		const struct kind *kind = &all[k];
		// The errno of the simplest program with a return value the kind accepts, if any.
		int ret = accepted_return(kind);
		struct bpf_insn minimal[] = { mov_imm(0, ret), exit_insn };
		loads(kind, minimal, 2);
		int refused = last_errno;
		printf("%s errno: %d\n", kind->name, refused);
		printf("%s returns:", kind->name);
		for (int value = -1; value <= 4; value++) {
			struct bpf_insn insns[] = { mov_imm(0, value), exit_insn };
			if (loads(kind, insns, 2)) printf(" %d", value);
		}
		printf("\n");
		for (int write = 0; write <= 1; write++) {
			printf("%s %s:", kind->name, write ? "write" : "read");
			for (int off = 0; off < PROBED_BYTES; off++) {
				int sizes = 0;
				for (int size = 1; size <= 8; size *= 2)
					if (access_loads(kind, off, size, write, ret)) sizes |= size;
				if (sizes) printf(" %d:%d", off, sizes);
			}
			printf("\n");
		}
		// What a struct_ops program may write of the socket its first argument points to.
		if (kind->member) {
			printf("%s argument write:", kind->name);
			for (int off = 0; off < PROBED_ARG_BYTES; off++) {
				int sizes = 0;
				for (int size = 1; size <= 8; size *= 2)
					if (argument_write_loads(kind, off, size)) sizes |= size;
				if (sizes) printf(" %d:%d", off, sizes);
			}
			printf("\n");
		}
		// A kind the kernel loads no program of has no helpers to tell.
		printf("%s helpers:", kind->name);
		for (int id = 1; id < 260 && !refused; id++)
			if (helper_use(kind, id, ret, "GPL")) printf(" %d", id);
		printf("\n%s helpers gpl:", kind->name);
		for (int id = 1; id < 260 && !refused; id++)
			if (helper_use(kind, id, ret, "Proprietary") == 2) printf(" %d", id);
		printf("\n");
	}
	return 0;
}
