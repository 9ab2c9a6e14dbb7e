// The C library's freestanding headers, as many programs include them beside the kernel's.
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct record {
	uint8_t kind;
	__aligned_u64 stamp;
	bool seen;
	int16_t delta;
};

static bool big(uint32_t len)
{
	return len > UINT8_MAX;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	struct record r = { .kind = 1, .seen = true, .delta = INT16_MIN };
	size_t size = sizeof(r);
	ptrdiff_t gap = (char *)&r.seen - (char *)&r;
	void *none = NULL;

	bpf_printk("%lu %ld %lu", size, gap, offsetof(struct record, delta));
	bpf_printk("%d %d %d", big(skb->len), r.seen, r.delta);
	bpf_printk("%llx %lld %d", UINT64_MAX, INT64_MIN, none == 0);
	return INT8_MAX & 1;
}
