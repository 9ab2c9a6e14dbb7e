// Integer literals past 64 bits, and decimal ones past the signed range, as clang reports them.
#include <vmlinux.h>

unsigned long long fits = 18446744073709551615; // expected-warning {{integer literal is too large to be represented in a signed integer type, interpreting as unsigned}}
unsigned long long fits_hex = 0xffffffffffffffff;
long too_wide = 123456789012345678901234567890; // expected-error {{integer literal is too large to be represented in any integer type}}
