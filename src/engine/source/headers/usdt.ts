/**
 * `<bpf/usdt.bpf.h>` with libbpf 1.x's API, written for Tailscope: BPF_USDT, bpf_usdt_arg,
 * bpf_usdt_arg_cnt and bpf_usdt_cookie. libbpf's user-space side records, for each probe site,
 * where each argument is (a constant, a register, or memory a register points to) in the
 * `__bpf_usdt_specs` map; the program finds its site's record by the attach cookie, or by its
 * address where the kernel has no cookies. The maps' and records' layout is libbpf's ABI, kept
 * here; the functions are weak and hidden, as libbpf's, so the kernel verifies them as global
 * functions.
 */
export const usdtBpfH = `#ifndef __USDT_BPF_H__
#define __USDT_BPF_H__
#include <linux/errno.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#ifndef BPF_USDT_MAX_SPEC_CNT
#define BPF_USDT_MAX_SPEC_CNT 256
#endif
#ifndef BPF_USDT_MAX_IP_CNT
#define BPF_USDT_MAX_IP_CNT (4 * BPF_USDT_MAX_SPEC_CNT)
#endif
#define BPF_USDT_MAX_ARG_CNT 12

enum __bpf_usdt_arg_type {
	BPF_USDT_ARG_CONST,
	BPF_USDT_ARG_REG,
	BPF_USDT_ARG_REG_DEREF,
};

struct __bpf_usdt_arg_spec {
	/* The constant, or the offset added to the register's value before reading memory. */
	__u64 val_off;
	enum __bpf_usdt_arg_type arg_type;
	/* Where the register is in struct pt_regs. */
	short reg_off;
	_Bool arg_signed;
	/* 64 minus the argument's width in bits: shifted up and back, it keeps its own sign. */
	char arg_bitshift;
};

struct __bpf_usdt_spec {
	struct __bpf_usdt_arg_spec args[BPF_USDT_MAX_ARG_CNT];
	__u64 usdt_cookie;
	short arg_cnt;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BPF_USDT_MAX_SPEC_CNT);
	__type(key, int);
	__type(value, struct __bpf_usdt_spec);
} __bpf_usdt_specs SEC(".maps") __weak;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BPF_USDT_MAX_IP_CNT);
	__type(key, long);
	__type(value, __u32);
} __bpf_usdt_ip_to_spec_id SEC(".maps") __weak;

extern const _Bool LINUX_HAS_BPF_COOKIE __kconfig;

/* The record of the probe site this program was attached to, or NULL. */
static __always_inline struct __bpf_usdt_spec *___ts_usdt_spec(struct pt_regs *ctx)
{
	long ip;
	__u32 *found;
	int id;

	if (LINUX_HAS_BPF_COOKIE) {
		id = bpf_get_attach_cookie(ctx);
	} else {
		ip = PT_REGS_IP(ctx);
		found = bpf_map_lookup_elem(&__bpf_usdt_ip_to_spec_id, &ip);
		if (!found)
			return NULL;
		id = *found;
	}
	if (id < 0)
		return NULL;
	return bpf_map_lookup_elem(&__bpf_usdt_specs, &id);
}

/* How many arguments the probe site has, or -ESRCH when no record names it. */
__weak __hidden int bpf_usdt_arg_cnt(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = ___ts_usdt_spec(ctx);

	if (!spec)
		return -ESRCH;
	return spec->arg_cnt;
}

/* Argument arg_num (from 0) into *res: 0, or -ESRCH, -ENOENT, -EINVAL or a read's error. */
__weak __hidden int bpf_usdt_arg(struct pt_regs *ctx, __u64 arg_num, long *res)
{
	struct __bpf_usdt_spec *spec;
	struct __bpf_usdt_arg_spec *arg;
	unsigned long val;
	int err;

	*res = 0;
	spec = ___ts_usdt_spec(ctx);
	if (!spec)
		return -ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT || arg_num >= spec->arg_cnt)
		return -ENOENT;
	arg = &spec->args[arg_num];
	switch (arg->arg_type) {
	case BPF_USDT_ARG_CONST:
		val = arg->val_off;
		break;
	case BPF_USDT_ARG_REG:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		break;
	case BPF_USDT_ARG_REG_DEREF:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		err = bpf_probe_read_user(&val, sizeof(val), (void *)val + arg->val_off);
		if (err)
			return err;
		break;
	default:
		return -EINVAL;
	}
	val <<= arg->arg_bitshift;
	if (arg->arg_signed)
		val = ((long)val) >> arg->arg_bitshift;
	else
		val = val >> arg->arg_bitshift;
	*res = val;
	return 0;
}

/* The cookie given when the probe was attached (bpf_usdt_opts), or 0. */
__weak __hidden long bpf_usdt_cookie(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = ___ts_usdt_spec(ctx);

	return spec ? spec->usdt_cookie : 0;
}

/* Argument n of a BPF_USDT handler, read with bpf_usdt_arg (0 when it cannot be). */
#define ___ts_usdt_arg(n) ({ long ___ts_v; bpf_usdt_arg(ctx, n, &___ts_v); (void *)___ts_v; })
#define ___ts_ua0() ctx
#define ___ts_ua1(a) ___ts_ua0(), ___ts_usdt_arg(0)
#define ___ts_ua2(a, rest...) ___ts_ua1(rest), ___ts_usdt_arg(1)
#define ___ts_ua3(a, rest...) ___ts_ua2(rest), ___ts_usdt_arg(2)
#define ___ts_ua4(a, rest...) ___ts_ua3(rest), ___ts_usdt_arg(3)
#define ___ts_ua5(a, rest...) ___ts_ua4(rest), ___ts_usdt_arg(4)
#define ___ts_ua6(a, rest...) ___ts_ua5(rest), ___ts_usdt_arg(5)
#define ___ts_ua7(a, rest...) ___ts_ua6(rest), ___ts_usdt_arg(6)
#define ___ts_ua8(a, rest...) ___ts_ua7(rest), ___ts_usdt_arg(7)
#define ___ts_ua9(a, rest...) ___ts_ua8(rest), ___ts_usdt_arg(8)
#define ___ts_ua10(a, rest...) ___ts_ua9(rest), ___ts_usdt_arg(9)
#define ___ts_ua11(a, rest...) ___ts_ua10(rest), ___ts_usdt_arg(10)
#define ___ts_ua12(a, rest...) ___ts_ua11(rest), ___ts_usdt_arg(11)
#define ___ts_usdt_args(args...) ___ts_tr_pick(___ts_ua, ___ts_tr_narg(args))(args)

#define BPF_USDT(name, args...) \\
name(struct pt_regs *ctx); \\
static __always_inline typeof(name(0)) ___ts_body_##name(struct pt_regs *ctx, ##args); \\
typeof(name(0)) name(struct pt_regs *ctx) \\
{ \\
	_Pragma("GCC diagnostic push") \\
	_Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") \\
	return ___ts_body_##name(___ts_usdt_args(args)); \\
	_Pragma("GCC diagnostic pop") \\
} \\
static __always_inline typeof(name(0)) ___ts_body_##name(struct pt_regs *ctx, ##args)
#endif
`;
