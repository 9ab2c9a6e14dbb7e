// A lightweight-tunnel xmit program in the shape of the kernel's lwt samples: it reads the IPv4
// header the route hands it (lwt programs start at the network header) and counts packets per
// destination, letting each go on (BPF_OK).
#include <linux/bpf.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} by_daddr SEC(".maps");

SEC("lwt_xmit")
int count_xmit(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct iphdr *iph = data;
	__u64 one = 1, *count;
	__u32 daddr;

	if ((void *)(iph + 1) > data_end)
		return BPF_OK;
	daddr = iph->daddr;
	count = bpf_map_lookup_elem(&by_daddr, &daddr);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&by_daddr, &daddr, &one, BPF_NOEXIST);
	return BPF_OK;
}

char _license[] SEC("license") = "GPL";
