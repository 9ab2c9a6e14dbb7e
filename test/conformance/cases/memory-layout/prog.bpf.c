#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct record {
	__u8 kind;
	__u32 count;
	__u16 port;
	__u64 total;
	union {
		__u32 word;
		__u8 bytes[4];
	} u;
	__u8 tail[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct record);
} records SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct record r;
	__builtin_memset(&r, 0, sizeof(r));
	r.kind = 0xaa;
	r.count = skb->len;
	r.port = 0x1234;
	r.total = 0x1122334455667788ULL;
	r.u.word = 0xdeadbeef;
	r.u.bytes[0] = 0x01;
	r.tail[2] = 0xff;
	bpf_map_update_elem(&records, &k, &r, BPF_ANY);
	struct record *stored = bpf_map_lookup_elem(&records, &k);
	__u32 one = 1;
	struct record *copy = bpf_map_lookup_elem(&records, &one);
	if (stored && copy) {
		__builtin_memcpy(copy, stored, sizeof(*copy));
		*((__u8 *)&copy->total + 2) = 0;
		bpf_printk("size=%u word=%x total=%llx", sizeof(r), copy->u.word, copy->total);
	}
	return 1;
}
