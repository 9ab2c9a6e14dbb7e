// C's integer arithmetic in constant expressions and #if, as clang computes it for the BPF
// target: the usual arithmetic conversions, wrap-around, signed and unsigned division.
#include <vmlinux.h>
// expected-no-diagnostics

_Static_assert(-1 / 2U == 2147483647U, "-1 converts to unsigned int before the division");
_Static_assert(-7 / 2 == -3 && -7 % 2 == -1, "signed division truncates towards zero");
_Static_assert(0xffffffffU + 1U == 0, "unsigned int wraps at 32 bits");
_Static_assert(0xffffffffULL + 1 == 0x100000000ULL, "unsigned long long does not");
_Static_assert((unsigned char)300 == 44, "a conversion keeps the low bits");
_Static_assert(-1L >> 1 == -1L, "right shift of a negative long is arithmetic");
_Static_assert((1U << 31) >> 31 == 1U, "right shift of an unsigned int is logical");
_Static_assert((5 ^ 3) == 6 && (5 | 3) == 7 && (5 & 3) == 1, "bitwise operators");
_Static_assert('\x41' == 65 && '\101' == 65 && '\e' == 27 && '\?' == 63, "character escapes");

#if (0 - 1U) / 2 != 0x7fffffffffffffff
#error "#if computes in uintmax_t: 0 - 1U is 2^64 - 1"
#endif
#if (-7 / 2) != -3 || '\n' != 10 || '\x41' != 65
#error "#if divides signed values towards zero and reads escapes as the compiler does"
#endif

char text[] = "\x41\102\n";
_Static_assert(sizeof(text) == 4, "a string's escapes are one byte each");
