// Struct layout for the BPF target, checked with static assertions that clang checks too.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
// expected-no-diagnostics

struct ts_mixed {
	u8 a;
	u32 b;
	u16 c;
	u64 d;
	u8 e;
};
_Static_assert(sizeof(struct ts_mixed) == 32, "");
_Static_assert(__builtin_offsetof(struct ts_mixed, b) == 4, "");
_Static_assert(__builtin_offsetof(struct ts_mixed, c) == 8, "");
_Static_assert(__builtin_offsetof(struct ts_mixed, d) == 16, "");
_Static_assert(__builtin_offsetof(struct ts_mixed, e) == 24, "");
_Static_assert(_Alignof(struct ts_mixed) == 8, "");

struct ts_tail_context {
	u8 value_from_1;
	u8 value_from_2;
};
_Static_assert(sizeof(struct ts_tail_context) == 2, "");

struct ts_bits {
	u32 a : 3;
	u32 b : 30;
	u8 c : 4;
	u16 d;
};
_Static_assert(sizeof(struct ts_bits) == 12, "");
_Static_assert(__builtin_offsetof(struct ts_bits, d) == 10, "");

struct ts_packed {
	u8 a;
	u32 b;
	u16 c;
} __attribute__((packed));
_Static_assert(sizeof(struct ts_packed) == 7, "");
_Static_assert(__builtin_offsetof(struct ts_packed, c) == 5, "");

struct ts_aligned {
	u8 a;
	u8 b __attribute__((aligned(8)));
};
_Static_assert(sizeof(struct ts_aligned) == 16, "");

union ts_union {
	u8 bytes[6];
	u32 word;
};
_Static_assert(sizeof(union ts_union) == 8, "");

struct ts_anonymous {
	u32 kind;
	union {
		u64 wide;
		u8 narrow;
	};
	u8 tail[];
};
_Static_assert(sizeof(struct ts_anonymous) == 16, "");
_Static_assert(__builtin_offsetof(struct ts_anonymous, narrow) == 8, "");
_Static_assert(__builtin_offsetof(struct ts_anonymous, tail) == 16, "");

_Static_assert(sizeof(struct __sk_buff) == 192, "");
_Static_assert(__builtin_offsetof(struct __sk_buff, cb) == 48, "");
_Static_assert(__builtin_offsetof(struct __sk_buff, data) == 76, "");
_Static_assert(__builtin_offsetof(struct __sk_buff, tstamp) == 152, "");
_Static_assert(__builtin_offsetof(struct __sk_buff, sk) == 168, "");
_Static_assert(__builtin_offsetof(struct __sk_buff, hwtstamp) == 184, "");
_Static_assert(sizeof(struct xdp_md) == 24, "");
_Static_assert(sizeof(struct iphdr) == 20, "");
_Static_assert(sizeof(struct ipv6hdr) == 40, "");
_Static_assert(sizeof(struct tcphdr) == 20, "");
_Static_assert(sizeof(struct udphdr) == 8, "");
_Static_assert(sizeof(struct ethhdr) == 14, "");
_Static_assert(sizeof(long) == 8 && sizeof(void *) == 8 && sizeof(int) == 4, "");
_Static_assert((char)-1 < 0, "char is signed on the BPF target");
_Static_assert(BPF_MAP_TYPE_PERCPU_ARRAY == 6 && BPF_MAP_TYPE_PROG_ARRAY == 3, "");
_Static_assert(XDP_PASS == 2 && SK_PASS == 1 && BPF_NOEXIST == 1, "");
