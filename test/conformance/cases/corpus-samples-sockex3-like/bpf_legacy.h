/* The declarations the kernel's samples/bpf keep beside their programs, written here anew:
 * the classic packet loads, and the map definition libbpf 0.x read from SEC("maps"). */
#ifndef LEGACY_SAMPLE_H
#define LEGACY_SAMPLE_H

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

#endif
