// A queue and a stack fed one value per packet: push with and without BPF_EXIST on a full map,
// pop and peek in turn, and a pop from a map that stays empty (which zeroes the destination).
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 3);
	__type(value, __u32);
} fifo SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 3);
	__type(value, __u64);
} lifo SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 1);
	__uint(value_size, 6);
} never SEC(".maps");

__u32 packets;

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 n = ++packets;
	__u32 v = n * 10;
	__u64 w = ((__u64)n << 32) | skb->len;
	long pushed = bpf_map_push_elem(&fifo, &v, n % 4 == 0 ? BPF_EXIST : BPF_ANY);
	long stacked = bpf_map_push_elem(&lifo, &w, n % 5 == 0 ? BPF_EXIST : BPF_ANY);
	long refused = bpf_map_push_elem(&lifo, &w, BPF_NOEXIST);
	bpf_printk("n=%u push %ld %ld %ld", n, pushed, stacked, refused);

	__u32 front = 0;
	__u64 top = 0;
	long took = n % 3 == 0 ? bpf_map_pop_elem(&fifo, &front) : bpf_map_peek_elem(&fifo, &front);
	long popped = n % 2 == 0 ? bpf_map_pop_elem(&lifo, &top) : bpf_map_peek_elem(&lifo, &top);
	bpf_printk("fifo %ld %u lifo %ld", took, front, popped);
	bpf_printk("top %llx", top);

	char gone[6] = { 1, 2, 3, 4, 5, 6 };
	long empty = bpf_map_pop_elem(&never, gone);
	bpf_printk("empty %ld %d %d", empty, gone[0], gone[5]);
	return n & 1;
}
