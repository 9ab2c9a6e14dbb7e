// In the shape of the kernel selftests' tail-call programs: classifiers made by a macro, a
// prog array initialised with them, an entry that tries every slot in a loop.
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

	/* Every fourth packet asks for slot 3, past the array's end, and falls through. */
	count++;
	bpf_tail_call(skb, &jmp_table, count % 4);
	for (i = 0; i < 3; i++)
		bpf_tail_call(skb, &jmp_table, i);
	return 3;
}

char __license[] SEC("license") = "GPL";
