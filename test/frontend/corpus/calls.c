// Calls: argument counts and argument conversions.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

static __noinline int ts_add(int a, int b) // expected-note 2 {{'ts_add' declared here}}
{
	return a + b;
}

int too_few(void)
{
	return ts_add(1); // expected-error {{too few arguments to function call, expected 2, have 1}}
}

int too_many(void)
{
	return ts_add(1, 2, 3); // expected-error {{too many arguments to function call, expected 2, have 3}}
}

int not_callable(int x)
{
	return x(1); // expected-error {{called object type 'int' is not a function or function pointer}}
}

int wrong_pointer(long *p)
{
	int *q = p; // expected-warning {{incompatible pointer types initializing 'int *' with an expression of type 'long *'}}
	return *q;
}

int int_to_pointer(void)
{
	int *q = 5; // expected-warning {{incompatible integer to pointer conversion initializing 'int *' with an expression of type 'int'}}
	return *q;
}

int null_is_fine(void)
{
	int *q = 0;
	return q == 0;
}
