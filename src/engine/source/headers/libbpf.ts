/**
 * libbpf's program-side headers, written for Tailscope with libbpf's macro definitions, so
 * map definitions and printk calls mean what libbpf makes of them.
 */

export const bpfHelpersH = `#ifndef __BPF_HELPERS__
#define __BPF_HELPERS__
#include <bpf/bpf_helper_defs.h>

/* BTF-defined maps: each property is encoded in the type of a pointer member. */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]

/*
 * Place a function or variable in an ELF section. The pragmas silence clang's
 * -Wignored-attributes; they also mean the attribute is not the last token of the expansion.
 */
#define SEC(name) \\
	_Pragma("GCC diagnostic push")					    \\
	_Pragma("GCC diagnostic ignored \\"-Wignored-attributes\\"")	    \\
	__attribute__((section(name), used))				    \\
	_Pragma("GCC diagnostic pop")					    \\

#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
#define __hidden __attribute__((visibility("hidden")))

/* Externs libbpf resolves at load: kernel configuration and its LINUX_ facts, kernel symbols. */
#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))

enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef offsetof
#define offsetof(TYPE, MEMBER)	((unsigned long)&((TYPE *)0)->MEMBER)
#endif
#ifndef container_of
#define container_of(ptr, type, member)				\\
	({							\\
		void *__mptr = (void *)(ptr);			\\
		((type *)(__mptr - offsetof(type, member)));	\\
	})
#endif

#define barrier() asm volatile("" ::: "memory")
#define barrier_var(var) asm volatile("" : "+r"(var))
#define __bpf_unreachable() __builtin_trap()

/* libbpf 1.0 removed struct bpf_map_def: a program with legacy maps defines it itself. */

enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	LIBBPF_PIN_BY_NAME,
};

/*
 * A tail call with a constant slot, which lets the JIT patch a direct jump. Its meaning is
 * that of bpf_tail_call; libbpf emits the call with inline assembly.
 */
#define bpf_tail_call_static(ctx, map, slot) bpf_tail_call((ctx), (void *)(map), (slot))

#define ___bpf_concat(a, b) a ## b
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)
#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _a, _b, _c, N, ...) N
#define ___bpf_narg(...) ___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)

#define ___bpf_fill0(arr, p, x) do {} while (0)
#define ___bpf_fill1(arr, p, x) arr[p] = x
#define ___bpf_fill2(arr, p, x, args...) arr[p] = x; ___bpf_fill1(arr, p + 1, args)
#define ___bpf_fill3(arr, p, x, args...) arr[p] = x; ___bpf_fill2(arr, p + 1, args)
#define ___bpf_fill4(arr, p, x, args...) arr[p] = x; ___bpf_fill3(arr, p + 1, args)
#define ___bpf_fill5(arr, p, x, args...) arr[p] = x; ___bpf_fill4(arr, p + 1, args)
#define ___bpf_fill6(arr, p, x, args...) arr[p] = x; ___bpf_fill5(arr, p + 1, args)
#define ___bpf_fill7(arr, p, x, args...) arr[p] = x; ___bpf_fill6(arr, p + 1, args)
#define ___bpf_fill8(arr, p, x, args...) arr[p] = x; ___bpf_fill7(arr, p + 1, args)
#define ___bpf_fill9(arr, p, x, args...) arr[p] = x; ___bpf_fill8(arr, p + 1, args)
#define ___bpf_fill10(arr, p, x, args...) arr[p] = x; ___bpf_fill9(arr, p + 1, args)
#define ___bpf_fill11(arr, p, x, args...) arr[p] = x; ___bpf_fill10(arr, p + 1, args)
#define ___bpf_fill12(arr, p, x, args...) arr[p] = x; ___bpf_fill11(arr, p + 1, args)
#define ___bpf_fill(arr, args...) \\
	___bpf_apply(___bpf_fill, ___bpf_narg(args))(arr, 0, args)

#ifndef BPF_PRINTK_FMT_MOD
#define BPF_PRINTK_FMT_MOD static const
#endif

/* Up to three arguments: helper #6, bpf_trace_printk. */
#define __bpf_printk(fmt, ...)				\\
({							\\
	BPF_PRINTK_FMT_MOD char ____fmt[] = fmt;	\\
	bpf_trace_printk(____fmt, sizeof(____fmt),	\\
			 ##__VA_ARGS__);		\\
})

/* More than three: helper #177, bpf_trace_vprintk, with the arguments packed in an array. */
#define __bpf_vprintk(fmt, args...)				\\
({								\\
	static const char ___fmt[] = fmt;			\\
	unsigned long long ___param[___bpf_narg(args)];		\\
								\\
	___bpf_fill(___param, args);				\\
								\\
	bpf_trace_vprintk(___fmt, sizeof(___fmt),		\\
			  ___param, sizeof(___param));		\\
})

#define ___bpf_pick_printk(...) \\
	___bpf_nth(_, ##__VA_ARGS__, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk,	\\
		   __bpf_vprintk, __bpf_vprintk, __bpf_vprintk, __bpf_vprintk,		\\
		   __bpf_vprintk, __bpf_vprintk, __bpf_printk /*3*/, __bpf_printk /*2*/,\\
		   __bpf_printk /*1*/, __bpf_printk /*0*/)

#define bpf_printk(fmt, args...) ___bpf_pick_printk(args)(fmt, ##args)

/* An iterator's output (helper #126, bpf_seq_printf) and formatting into a buffer (#165,
 * bpf_snprintf): the arguments packed in an array, as __bpf_vprintk packs them. */
#define BPF_SEQ_PRINTF(seq, fmt, args...)				\
({									\
	static const char ___fmt[] = fmt;				\
	unsigned long long ___param[___bpf_narg(args)];			\
	___bpf_fill(___param, args);					\
	bpf_seq_printf(seq, ___fmt, sizeof(___fmt), ___param, sizeof(___param));	\
})

#define BPF_SNPRINTF(out, out_size, fmt, args...)			\
({									\
	static const char ___fmt[] = fmt;				\
	unsigned long long ___param[___bpf_narg(args)];			\
	___bpf_fill(___param, args);					\
	bpf_snprintf(out, out_size, ___fmt, ___param, sizeof(___param));	\
})
#endif
`;

export const bpfEndianH = `#ifndef __BPF_ENDIAN__
#define __BPF_ENDIAN__
#include <linux/types.h>
/* The BPF target is little-endian here, so host-to-network order is a byte swap. */
#define bpf_htons(x) ((__be16)__builtin_bswap16(x))
#define bpf_ntohs(x) ((__u16)__builtin_bswap16(x))
#define bpf_htonl(x) ((__be32)__builtin_bswap32(x))
#define bpf_ntohl(x) ((__u32)__builtin_bswap32(x))
#define bpf_cpu_to_be64(x) ((__be64)__builtin_bswap64(x))
#define bpf_be64_to_cpu(x) ((__u64)__builtin_bswap64(x))
#endif
`;

/**
 * `<bpf/bpf_core_read.h>` as libbpf 1.x names its macros, written for Tailscope: a CO-RE read
 * is `bpf_probe_read_kernel` from an address clang keeps relocatable
 * (`__builtin_preserve_access_index`); `BPF_CORE_READ(src, a, b, c)` reads `src->a->b->c` a step
 * at a time (up to nine steps). Tailscope checks against its own types, so a field it can name
 * exists (`bpf_core_field_exists`), with its own size; the relocations are the kernel's business.
 */
export const bpfCoreReadH = `#ifndef __BPF_CORE_READ_H__
#define __BPF_CORE_READ_H__
enum bpf_field_info_kind {
	BPF_FIELD_BYTE_OFFSET = 0,
	BPF_FIELD_BYTE_SIZE = 1,
	BPF_FIELD_EXISTS = 2,
	BPF_FIELD_SIGNED = 3,
	BPF_FIELD_LSHIFT_U64 = 4,
	BPF_FIELD_RSHIFT_U64 = 5,
};
enum bpf_type_id_kind {
	BPF_TYPE_ID_LOCAL = 0,
	BPF_TYPE_ID_TARGET = 1,
};
enum bpf_type_info_kind {
	BPF_TYPE_EXISTS = 0,
	BPF_TYPE_SIZE = 1,
	BPF_TYPE_MATCHES = 2,
};
enum bpf_enum_value_kind {
	BPF_ENUMVAL_EXISTS = 0,
	BPF_ENUMVAL_VALUE = 1,
};
#define bpf_core_field_exists(field...) ((void)sizeof(field), 1)
#define bpf_core_field_size(field...) sizeof(field)
#define bpf_core_type_exists(type) ((void)sizeof(type), 1)
#define bpf_core_type_size(type) sizeof(type)
#define bpf_core_read(dst, sz, src) \\
	bpf_probe_read_kernel(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_str(dst, sz, src) \\
	bpf_probe_read_kernel_str(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user(dst, sz, src) \\
	bpf_probe_read_user(dst, sz, (const void *)__builtin_preserve_access_index(src))
/* One step: the field's value, read into a local of its type. */
#define ___ts_step(read, src, field) ({ \\
	__typeof__((src)->field) ___ts_value; \\
	read(&___ts_value, sizeof(___ts_value), &(src)->field); \\
	___ts_value; \\
})
#define ___ts_chain1(read, s, a) ___ts_step(read, s, a)
#define ___ts_chain2(read, s, a, ...) ___ts_chain1(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_chain3(read, s, a, ...) ___ts_chain2(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_chain4(read, s, a, ...) ___ts_chain3(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_chain5(read, s, a, ...) ___ts_chain4(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_chain6(read, s, a, ...) ___ts_chain5(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_chain7(read, s, a, ...) ___ts_chain6(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_chain8(read, s, a, ...) ___ts_chain7(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_chain9(read, s, a, ...) ___ts_chain8(read, ___ts_step(read, s, a), __VA_ARGS__)
#define ___ts_count(...) ___ts_nth(__VA_ARGS__, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define ___ts_nth(_1, _2, _3, _4, _5, _6, _7, _8, _9, n, ...) n
#define ___ts_join(a, b) ___ts_join2(a, b)
#define ___ts_join2(a, b) a##b
#define ___ts_chain(read, src, ...) ___ts_join(___ts_chain, ___ts_count(__VA_ARGS__))(read, src, __VA_ARGS__)
#define BPF_CORE_READ(src, a, ...) ___ts_chain(bpf_core_read, src, a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER(src, a, ...) ___ts_chain(bpf_core_read_user, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ(src, a, ...) ___ts_chain(bpf_probe_read_kernel, src, a, ##__VA_ARGS__)
#define BPF_CORE_READ_INTO(dst, src, a, ...) ({ *(dst) = BPF_CORE_READ(src, a, ##__VA_ARGS__); 0; })
#define BPF_PROBE_READ_INTO(dst, src, a, ...) ({ *(dst) = BPF_PROBE_READ(src, a, ##__VA_ARGS__); 0; })
#endif
`;
