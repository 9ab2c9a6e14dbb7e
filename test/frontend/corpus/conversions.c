// Integer conversions that change a constant's value, as clang warns about them.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

u8 ts_small = 300; // expected-warning {{implicit conversion from 'int' to 'u8' (aka 'unsigned char') changes value from 300 to 44}}
__u16 ts_short = 70000; // expected-warning {{implicit conversion from 'int' to '__u16' (aka 'unsigned short') changes value from 70000 to 4464}}
unsigned int ts_all_ones = -1;
char ts_char = 200; // expected-warning {{implicit conversion from 'int' to 'char' changes value from 200 to -56}}

int assign_in_function(void)
{
	u8 x;
	x = 256; // expected-warning {{implicit conversion from 'int' to 'u8' (aka 'unsigned char') changes value from 256 to 0}}
	return x;
}
