// A perf_event program in the shape of profilers' samplers (libbpf-tools' profile, without
// its stack maps): each sample counts against the running process, with the sample period.
// Checked, not run.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} samples SEC(".maps");

SEC("perf_event")
int on_sample(struct bpf_perf_event_data *ctx)
{
	u32 tgid = bpf_get_current_pid_tgid() >> 32;
	u64 *count, period = ctx->sample_period;

	if (!tgid)
		return 0;
	count = bpf_map_lookup_elem(&samples, &tgid);
	if (count)
		__sync_fetch_and_add(count, period);
	else
		bpf_map_update_elem(&samples, &tgid, &period, BPF_NOEXIST);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
