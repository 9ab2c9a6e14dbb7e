// libbpf looks a tp_btf program's tracepoint up in the kernel's BTF (btf_trace_<name>): one
// this kernel does not have fails the load before the verifier sees it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_no_such_event")
int BPF_PROG(on_nothing)
{
	return 0;
}
