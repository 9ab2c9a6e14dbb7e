// bpf_redirect_map as XDP load balancers and AF_XDP programs call it: to a device map filled
// from user space (the loopback device, ifindex 1), a hashed device map, a CPU map and an XSK
// map no socket was put in; the fallback action for an empty slot, XDP_ABORTED for unknown
// flags, broadcast, and a lookup of the read-only device entry.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct bpf_devmap_val);
} by_id SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} cpus SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} sockets SEC(".maps");

__u32 packets;

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 n = ++packets;
	__u32 slot = n % 3;
	long to_port = bpf_redirect_map(&ports, slot, XDP_PASS);
	long to_id = bpf_redirect_map(&by_id, 40 + n % 3, XDP_DROP);
	long to_cpu = bpf_redirect_map(&cpus, n & 1, XDP_TX);
	long to_socket = bpf_redirect_map(&sockets, 0, XDP_DROP);
	bpf_printk("n=%u port %ld id %ld", n, to_port, to_id);
	bpf_printk("cpu %ld socket %ld", to_cpu, to_socket);
	long bad = bpf_redirect_map(&cpus, 0, BPF_F_BROADCAST);
	long all = bpf_redirect_map(&ports, 3, BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS);
	__u32 key = 0;
	__u32 *ifindex = bpf_map_lookup_elem(&ports, &key);
	bpf_printk("bad %ld all %ld ifindex %d", bad, all, ifindex ? (int)*ifindex : -1);
	return to_port;
}
