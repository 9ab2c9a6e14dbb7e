// Kept by many projects from before libbpf 1.0, which dropped this struct from bpf_helpers.h.
#ifndef COMPAT_H
#define COMPAT_H
struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};
#endif
