// The C that BPF programs use, all accepted: each construct once.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>


typedef int (*ts_callback)(int);
typedef struct ts_node {
	struct ts_node *next;
	unsigned int flags : 4, kind : 4;
	union {
		u32 as_u32;
		u8 as_bytes[4];
	};
	u8 payload[];
} ts_node_t;

enum ts_color { TS_RED, TS_GREEN = 5, TS_BLUE };
_Static_assert(TS_BLUE == 6, "enumerators count on from the last value");
_Static_assert(_Alignof(ts_node_t) == 8 && sizeof(ts_node_t) == 16, "");

static __always_inline int ts_twice(int x)
{
	return 2 * x;
}

static __noinline int ts_apply(ts_callback cb, int v)
{
	return cb(v);
}

struct ts_point {
	int x, y;
};

static const struct ts_point ts_corner __attribute__((unused)) = { .x = 1, .y = 2 };
volatile u32 ts_counter;

int uses_everything(int n)
{
	struct ts_point p = (struct ts_point){ .y = n, .x = -n };
	typeof(p) q = p;
	int total = 0, i = 0;
	long big = 1L << 40;
	unsigned char bytes[4] = { [1] = 0xff };

#pragma unroll
	for (int j = 0; j < 4; j++)
		total += bytes[j];
	do {
		total ^= i++;
	} while (i < 3);
	while (total > 1000)
		total >>= 1;
	switch (n) {
	case 0 ... 3:
		total += 1;
		break;
	case TS_GREEN:
		total += 2;
		/* fall through */
	default:
		total -= 1;
	}
	if (n < 0)
		goto out;
	total += q.x + q.y + (int)(big >> 40) + ts_apply(ts_twice, n);
	total = n > 2 ? total : -total;
	total += sizeof(struct ts_point) + __builtin_offsetof(struct ts_point, y);
	__sync_fetch_and_add(&ts_counter, 1);
	total += __builtin_bswap16(0x1234) == 0x3412;
out:
	return (total, total) + 0; // expected-warning {{left operand of comma operator has no effect}}
}
