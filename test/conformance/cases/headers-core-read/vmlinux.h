// A project's trimmed vmlinux.h, as CO-RE programs carry one: only the fields the program reads,
// marked for relocation; libbpf finds each in this kernel's BTF when it loads the program.
#ifndef PROJECT_VMLINUX_H
#define PROJECT_VMLINUX_H
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef int pid_t;

struct task_struct {
	pid_t pid;
	pid_t tgid;
	struct task_struct *real_parent;
	char comm[16];
} __attribute__((preserve_access_index));
#endif
