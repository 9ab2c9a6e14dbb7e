// Return statements against the function's result type.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

int missing_value(void)
{
	return; // expected-error {{non-void function 'missing_value' should return a value}}
}

void extra_value(void)
{
	return 1; // expected-error {{void function 'extra_value' should not return a value}}
}

int *returns_wrong_pointer(long *p)
{
	return p; // expected-warning {{incompatible pointer types returning 'long *' from a function with result type 'int *'}}
}
