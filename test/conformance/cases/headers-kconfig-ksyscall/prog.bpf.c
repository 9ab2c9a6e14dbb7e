// Kernel configuration read as libbpf's __kconfig externs (LINUX_KERNEL_VERSION, CONFIG_HZ, a
// __weak CONFIG_ option), and a syscall entry written with BPF_KSYSCALL, which reads the
// arguments through the syscall wrapper's pt_regs when LINUX_HAS_SYSCALL_WRAPPER says so.
#define __TARGET_ARCH_x86
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
extern int LINUX_KERNEL_VERSION __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig __weak;
extern unsigned long CONFIG_HZ __kconfig;

SEC("ksyscall/unlinkat")
int BPF_KSYSCALL(unlinkat_entry, int fd, const char *pathname)
{
	char buf[32];
	bpf_probe_read_user_str(buf, sizeof(buf), pathname);
	bpf_printk("unlinkat %d %s v%d hz %lu %d", fd, buf, LINUX_KERNEL_VERSION, CONFIG_HZ, CONFIG_BPF_SYSCALL);
	return 0;
}
