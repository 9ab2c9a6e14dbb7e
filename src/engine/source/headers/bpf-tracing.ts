/** Up to how many arguments a BPF_PROG (12) or a BPF_KPROBE (6 registers on x86-64) takes. */
const PROG_ARGS = 12;
const REGISTER_ARGS = 6;
/** A system call's arguments BPF_KSYSCALL reads (libbpf 1.1's PT_REGS_PARMn_SYSCALL go to 5). */
const SYSCALL_ARGS = 5;

/** `#define name0() ctx` and `#define nameN(a, rest...) name(N-1)(rest), cast(N)` for each N. */
function argumentLists(name: string, count: number, nth: (n: number) => string): string {
  const lines = [`#define ${name}0() ctx`, `#define ${name}1(a) ${name}0(), ${nth(1)}`];
  for (let n = 2; n <= count; n++)
    lines.push(`#define ${name}${n}(a, rest...) ${name}${n - 1}(rest), ${nth(n)}`);
  return lines.join("\n");
}

/**
 * A probe's wrapper, as libbpf 1.x shapes it: `int BPF_KPROBE(name, int fd, …)` declares `name`
 * with the program's context, defines it to call an inlined function with the typed arguments
 * read from that context (converted quietly: a register is an integer, an argument may be a
 * pointer), and leaves that function's body to the program.
 */
function wrapper(macro: string, context: string, args: string): string {
  return `#define ${macro}(name, args...) \\
name(${context}); \\
static __always_inline typeof(name(0)) ___ts_body_##name(${context}, ##args); \\
typeof(name(0)) name(${context}) \\
{ \\
	_Pragma("GCC diagnostic push") \\
	_Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") \\
	return ___ts_body_##name(${args}(args)); \\
	_Pragma("GCC diagnostic pop") \\
} \\
static __always_inline typeof(name(0)) ___ts_body_##name(${context}, ##args)`;
}

/**
 * BPF_KSYSCALL: a kprobe on a system call with its arguments typed. Where the kernel enters
 * system calls through a wrapper, the probed function's one argument is the caller's registers,
 * read with CO-RE (`BPF_CORE_READ`, so the program includes bpf_core_read.h); otherwise the
 * context holds them. libbpf tells which at load through the LINUX_HAS_SYSCALL_WRAPPER kconfig
 * extern, whose value the verifier knows, so only the taken branch is checked.
 */
function syscallWrapper(): string {
  return `#define BPF_KSYSCALL(name, args...) \\
name(struct pt_regs *ctx); \\
extern _Bool LINUX_HAS_SYSCALL_WRAPPER __kconfig; \\
static __always_inline typeof(name(0)) ___ts_body_##name(struct pt_regs *ctx, ##args); \\
typeof(name(0)) name(struct pt_regs *ctx) \\
{ \\
	struct pt_regs *regs = LINUX_HAS_SYSCALL_WRAPPER ? (struct pt_regs *)PT_REGS_PARM1(ctx) : ctx; \\
	_Pragma("GCC diagnostic push") \\
	_Pragma("GCC diagnostic ignored \\"-Wint-conversion\\"") \\
	if (LINUX_HAS_SYSCALL_WRAPPER) \\
		return ___ts_body_##name(___ts_syswrap_args(args)); \\
	else \\
		return ___ts_body_##name(___ts_syscall_args(args)); \\
	_Pragma("GCC diagnostic pop") \\
} \\
static __always_inline typeof(name(0)) ___ts_body_##name(struct pt_regs *ctx, ##args)`;
}

/** x86-64's registers by role, as the kernel's `struct pt_regs` names them and as uapi's does. */
const x86Registers = {
  parm1: ["di", "rdi"],
  parm2: ["si", "rsi"],
  parm3: ["dx", "rdx"],
  parm4: ["cx", "rcx"],
  parm5: ["r8", "r8"],
  parm6: ["r9", "r9"],
  ret: ["sp", "rsp"],
  fp: ["bp", "rbp"],
  rc: ["ax", "rax"],
  sp: ["sp", "rsp"],
  ip: ["ip", "rip"],
} as const;

function registerNames(which: 0 | 1): string {
  return Object.entries(x86Registers)
    .map(([role, names]) => `#define ___ts_reg_${role} ${names[which]}`)
    .join("\n");
}

const roles = Object.keys(x86Registers).map((role) => role.toUpperCase());

/** PT_REGS_X(x) and PT_REGS_X_CORE(x) for every role, over the registers chosen above. */
function registerAccessors(): string {
  return roles
    .map((role) => {
      const reg = `___ts_reg_${role.toLowerCase()}`;
      return `#define PT_REGS_${role}(x) ((x)->${reg})\n#define PT_REGS_${role}_CORE(x) BPF_CORE_READ((x), ${reg})`;
    })
    .join("\n");
}

/** Without a target architecture, libbpf makes every register accessor a compile error. */
function missingAccessors(): string {
  const names = roles.flatMap((role) => [`PT_REGS_${role}`, `PT_REGS_${role}_CORE`]);
  names.push(
    ...[1, 2, 3, 4, 5].flatMap((n) => [`PT_REGS_PARM${n}_SYSCALL`, `PT_REGS_PARM${n}_CORE_SYSCALL`]),
  );
  const lines = names.map((name) => `#define ${name}(x) ({ _Pragma(___TS_NO_TARGET); 0l; })`);
  lines.push(`#define BPF_KPROBE_READ_RET_IP(ip, ctx) ({ _Pragma(___TS_NO_TARGET); 0l; })`);
  lines.push(`#define BPF_KRETPROBE_READ_RET_IP(ip, ctx) ({ _Pragma(___TS_NO_TARGET); 0l; })`);
  return lines.join("\n");
}

/** System calls reach their handler through a wrapper: the handler's registers are its first argument. */
function syscallAccessors(): string {
  const lines = [1, 2, 3, 5].flatMap((n) => [
    `#define PT_REGS_PARM${n}_SYSCALL(x) PT_REGS_PARM${n}(x)`,
    `#define PT_REGS_PARM${n}_CORE_SYSCALL(x) PT_REGS_PARM${n}_CORE(x)`,
  ]);
  // The fourth argument of a system call travels in r10, not rcx (which `syscall` overwrites).
  lines.push("#define PT_REGS_PARM4_SYSCALL(x) ((x)->r10)");
  lines.push("#define PT_REGS_PARM4_CORE_SYSCALL(x) BPF_CORE_READ((x), r10)");
  return lines.join("\n");
}

/**
 * `<bpf/bpf_tracing.h>` with libbpf 1.x's names, written for Tailscope, which models x86-64:
 * the register accessors (`PT_REGS_PARM1(ctx)` and their `_CORE` and `_SYSCALL` forms) and the
 * typed-argument wrappers BPF_KPROBE, BPF_KRETPROBE, BPF_UPROBE, BPF_URETPROBE, BPF_KSYSCALL and
 * BPF_PROG. As
 * with libbpf, the architecture comes from `-D__TARGET_ARCH_x86` (or a `#define` before the
 * include); the BPF target names none, so without it every accessor is an error where used.
 * The kernel's register names (`di`) apply with vmlinux.h, uapi's (`rdi`) without it.
 */
export const bpfTracingH = /* @__PURE__ */ tracingHeader();

function tracingHeader(): string {
  return `#ifndef __BPF_TRACING_H__
#define __BPF_TRACING_H__
#include <bpf/bpf_helpers.h>

#if defined(__TARGET_ARCH_x86) || defined(__x86_64__)
#define bpf_target_x86
#define bpf_target_defined
#endif
#ifndef ___TS_NO_TARGET
#if defined(__TARGET_ARCH_arm64) || defined(__TARGET_ARCH_s390) || defined(__TARGET_ARCH_arm) || defined(__TARGET_ARCH_riscv) || defined(__TARGET_ARCH_powerpc) || defined(__TARGET_ARCH_mips) || defined(__TARGET_ARCH_sparc) || defined(__TARGET_ARCH_arc)
#define ___TS_NO_TARGET "GCC error \\"Tailscope models x86-64 registers only: use __TARGET_ARCH_x86\\""
#else
#define ___TS_NO_TARGET "GCC error \\"Must specify a BPF target arch via __TARGET_ARCH_xxx\\""
#endif
#endif

#if defined(bpf_target_x86)
struct pt_regs;
#if defined(__KERNEL__) || defined(__VMLINUX_H__)
${registerNames(0)}
#else
${registerNames(1)}
#endif
${registerAccessors()}
${syscallAccessors()}
#define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))
#define BPF_KPROBE_READ_RET_IP(ip, ctx) \\
	({ bpf_probe_read_kernel(&(ip), sizeof(ip), (void *)PT_REGS_RET(ctx)); })
#define BPF_KRETPROBE_READ_RET_IP(ip, ctx) \\
	({ bpf_probe_read_kernel(&(ip), sizeof(ip), (void *)(PT_REGS_FP(ctx) + sizeof(ip))); })
#else
${missingAccessors()}
#define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))
#endif

/* How many arguments a wrapper was given (0 to 12), and the list it passes for that many. */
#define ___ts_tr_nth(_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, n, ...) n
#define ___ts_tr_narg(args...) ___ts_tr_nth(_, ##args, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define ___ts_tr_join(a, b) a##b
#define ___ts_tr_pick(list, n) ___ts_tr_join(list, n)

${argumentLists("___ts_kp", REGISTER_ARGS, (n) => `(void *)PT_REGS_PARM${n}(ctx)`)}
#define ___ts_kprobe_args(args...) ___ts_tr_pick(___ts_kp, ___ts_tr_narg(args))(args)
${argumentLists("___ts_krp", 1, () => "(void *)PT_REGS_RC(ctx)")}
#define ___ts_kretprobe_args(args...) ___ts_tr_pick(___ts_krp, ___ts_tr_narg(args))(args)
${argumentLists("___ts_pc", PROG_ARGS, (n) => `(void *)ctx[${n - 1}]`)}
#define ___ts_prog_args(args...) ___ts_tr_pick(___ts_pc, ___ts_tr_narg(args))(args)

${argumentLists("___ts_sw", SYSCALL_ARGS, (n) => `(void *)PT_REGS_PARM${n}_CORE_SYSCALL(regs)`)}
#define ___ts_syswrap_args(args...) ___ts_tr_pick(___ts_sw, ___ts_tr_narg(args))(args)
${argumentLists("___ts_sc", SYSCALL_ARGS, (n) => `(void *)PT_REGS_PARM${n}_SYSCALL(regs)`)}
#define ___ts_syscall_args(args...) ___ts_tr_pick(___ts_sc, ___ts_tr_narg(args))(args)

${wrapper("BPF_KPROBE", "struct pt_regs *ctx", "___ts_kprobe_args")}
${wrapper("BPF_KRETPROBE", "struct pt_regs *ctx", "___ts_kretprobe_args")}
#define BPF_UPROBE(name, args...) BPF_KPROBE(name, ##args)
#define BPF_URETPROBE(name, args...) BPF_KRETPROBE(name, ##args)
${wrapper("BPF_PROG", "unsigned long long *ctx", "___ts_prog_args")}
${syscallWrapper()}
#define BPF_KPROBE_SYSCALL BPF_KSYSCALL
#endif
`;
}
