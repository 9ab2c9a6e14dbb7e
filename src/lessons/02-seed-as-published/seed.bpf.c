// The blog post's two files, exactly as published, compiled as one object.
// Tailscope makes <vmlinux.h> and <bpf/bpf_helpers.h> available without an
// #include, so the post's u8, SK_PASS, SEC and bpf_printk resolve as they do
// in the author's build.
#include "programs.h"

char LICENSE[] SEC("license") = "GPL";
