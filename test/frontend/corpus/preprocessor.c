// The preprocessor: stringizing, pasting, variadic macros, conditionals.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

#define TS_STR(x) #x
#define TS_XSTR(x) TS_STR(x)
#define TS_PASTE(a, b) a##b
#define TS_COUNT(...) TS_NTH(_, ##__VA_ARGS__, 3, 2, 1, 0)
#define TS_NTH(_, _1, _2, _3, N, ...) N
#define TS_VALUE 42

_Static_assert(sizeof(TS_STR(abc)) == 4, "");
_Static_assert(sizeof(TS_XSTR(TS_VALUE)) == 3, "");
_Static_assert(TS_COUNT() == 0 && TS_COUNT(a) == 1 && TS_COUNT(a, b, c) == 3, "");

static int TS_PASTE(ts_func_, 1)(void)
{
	return TS_VALUE;
}

int calls_pasted(void)
{
	return ts_func_1();
}

#if defined(TS_VALUE) && TS_VALUE > 40 && !defined(TS_UNDEFINED)
int ts_taken = 1;
#elif 1
int ts_not_taken = 1;
#else
#error "never reached"
#endif

#ifdef TS_UNDEFINED
#error "skipped"
#endif

#if (1 << 4) != 16 || -1 > 0 || 0x10 / 2 != 8
#error "arithmetic"
#endif

// expected-error@+1 {{"an error directive"}}
#error "an error directive"

_Static_assert(__LINE__ == 45, "");
