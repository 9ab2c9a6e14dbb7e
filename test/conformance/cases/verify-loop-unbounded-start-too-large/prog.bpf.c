// A loop over the slots that starts where a global says: the verifier cannot bound the start,
// walks the loop to its million-instruction limit and refuses the program ("too large").
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define TAIL_FUNC(x)					\
	SEC("tc")					\
	int classifier_##x(struct __sk_buff *skb)	\
	{						\
		return x;				\
	}
TAIL_FUNC(0)
TAIL_FUNC(1)
TAIL_FUNC(2)

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 3);
	__uint(key_size, sizeof(__u32));
	__array(values, int (struct __sk_buff *));
} jmp_table SEC(".maps") = {
	.values = {
		[0] = (void *)&classifier_0,
		[1] = (void *)&classifier_1,
		[2] = (void *)&classifier_2,
	},
};

unsigned int count = 0;

SEC("tc")
int entry(struct __sk_buff *skb)
{
	unsigned int i;

	count++;
	for (i = (count - 1) % 3; i < 3; i++)
		bpf_tail_call(skb, &jmp_table, i);
	return 3;
}

char __license[] SEC("license") = "GPL";
