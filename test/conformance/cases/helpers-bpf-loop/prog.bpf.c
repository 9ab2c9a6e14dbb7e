// bpf_loop: a callback called with each index and a context on the caller's stack, stopping
// when it returns 1; the count of calls it returns; -EINVAL for flags, -E2BIG past 1 << 23.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct walk {
	__u64 sum;
	__u32 stop_at;
	__u32 calls;
};

static int add_index(__u32 index, void *data)
{
	struct walk *w = data;
	w->sum += index * index;
	w->calls++;
	if (index == w->stop_at)
		return 1;
	return 0;
}

static long count_only(__u64 index, struct walk *w)
{
	w->calls += 1;
	return 0;
}

__u32 packets;

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 n = ++packets;
	struct walk w = { .stop_at = n * 3 };
	long made = bpf_loop(10, add_index, &w, 0);
	bpf_printk("made %ld sum %llu calls %u", made, w.sum, w.calls);

	struct walk other = {};
	long none = bpf_loop(0, count_only, &other, 0);
	long flagged = bpf_loop(5, count_only, &other, 1);
	long big = bpf_loop((1 << 23) + 1, count_only, &other, 0);
	long exact = bpf_loop(skb->len & 7, count_only, &other, 0);
	bpf_printk("none %ld flagged %ld big %ld", none, flagged, big);
	bpf_printk("exact %ld calls %u", exact, other.calls);
	return 0;
}
