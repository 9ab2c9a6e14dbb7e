#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "programs.h"

char LICENSE[] SEC("license") = "GPL";
