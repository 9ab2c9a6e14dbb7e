// Kernel configuration as programs read it through libbpf's __kconfig externs: the kernel's
// version, a number (CONFIG_HZ), a string (CONFIG_DEFAULT_HOSTNAME), yes/no options as bool,
// char and enum libbpf_tristate, and a __weak option this kernel does not set, which reads 0.
// libbpf fills them in a frozen .kconfig map, so the verifier knows each value and drops the
// branch a value rules out.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern _Bool LINUX_HAS_BPF_COOKIE __kconfig;
extern unsigned long CONFIG_HZ __kconfig;
extern char CONFIG_DEFAULT_HOSTNAME[8] __kconfig;
extern _Bool CONFIG_BPF_JIT __kconfig;
extern char CONFIG_NET __kconfig;
extern enum libbpf_tristate CONFIG_BPF_SYSCALL __kconfig;
extern _Bool CONFIG_TAILSCOPE_NOT_A_REAL_OPTION __kconfig __weak;

SEC("tc")
int classify(struct __sk_buff *skb)
{
	bpf_printk("kernel %u.%u.%u", LINUX_KERNEL_VERSION >> 16, (LINUX_KERNEL_VERSION >> 8) & 0xff,
		   LINUX_KERNEL_VERSION & 0xff);
	bpf_printk("HZ=%lu host=%s cookie=%d", CONFIG_HZ, CONFIG_DEFAULT_HOSTNAME, LINUX_HAS_BPF_COOKIE);
	bpf_printk("jit=%d net=%c syscall=%d", CONFIG_BPF_JIT, CONFIG_NET, CONFIG_BPF_SYSCALL);
	if (CONFIG_TAILSCOPE_NOT_A_REAL_OPTION) {
		/* Never runs: the verifier knows the weak option is 0 and skips this path. */
		volatile char *nowhere = 0;
		return *nowhere;
	}
	if (LINUX_KERNEL_VERSION < ((6 << 16) | (1 << 8)))
		return TC_ACT_SHOT;
	return CONFIG_BPF_SYSCALL == TRI_YES ? TC_ACT_OK : TC_ACT_UNSPEC;
}
