// A project's own helper header, as older projects kept one: it declares what it uses.
#ifndef PROJECT_BPF_HELPERS_H
#define PROJECT_BPF_HELPERS_H
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static long (*bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *) 6;
#endif
