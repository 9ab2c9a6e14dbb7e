// bpf_for_each_map_elem over an array, a per-CPU array and a hash: the callback gets the map,
// the key, the value (which it may write) and a context; returning 1 stops the walk.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 6);
	__type(key, __u32);
	__type(value, __u64);
} slots SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u32);
} per_cpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} table SEC(".maps");

struct tally {
	__u64 total;
	__u32 seen;
	__u32 limit;
};

static long bump(struct bpf_map *map, __u32 *key, __u64 *value, struct tally *t)
{
	*value += *key + 1;
	t->total += *value;
	t->seen++;
	return *key >= t->limit;
}

static long mark(struct bpf_map *map, __u32 *key, __u32 *value, struct tally *t)
{
	*value += 10 + *key;
	t->seen++;
	return 0;
}

static long sum_hash(struct bpf_map *map, __u32 *key, __u32 *value, struct tally *t)
{
	t->total += *key * *value;
	t->seen++;
	return 0;
}

__u32 packets;

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 n = ++packets;
	struct tally t = { .limit = n + 1 };
	long visited = bpf_for_each_map_elem(&slots, bump, &t, 0);
	bpf_printk("slots %ld total %llu seen %u", visited, t.total, t.seen);

	struct tally p = {};
	long cpus = bpf_for_each_map_elem(&per_cpu, mark, &p, 0);
	__u32 key = n, value = n * 100;
	bpf_map_update_elem(&table, &key, &value, BPF_ANY);
	struct tally h = {};
	long hashed = bpf_for_each_map_elem(&table, sum_hash, &h, 0);
	long flagged = bpf_for_each_map_elem(&table, sum_hash, &h, 2);
	bpf_printk("per_cpu %ld hash %ld total %llu", cpus, hashed, h.total);
	bpf_printk("flagged %ld", flagged);
	return XDP_PASS;
}
