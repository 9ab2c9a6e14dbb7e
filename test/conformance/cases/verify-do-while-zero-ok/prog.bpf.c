// `do { … } while (0)`, the wrapper macros put around statements (libbpf's ___bpf_fill0 is an
// empty one), runs its body once: no loop, nothing for the verifier to follow round.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define COUNT(x) do { (x)++; } while (0)
#define NOTHING() do {} while (0)

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int wrapped(struct __sk_buff *skb)
{
	int hits = 0;

	NOTHING();
	COUNT(hits);
	if (skb->len > 40)
		COUNT(hits);
	bpf_printk("hits %d", hits);
	return hits;
}
