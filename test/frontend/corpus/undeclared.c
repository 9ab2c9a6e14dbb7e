// Names that are not declared.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

int uses_undeclared(void)
{
	return ts_missing_value; // expected-error {{use of undeclared identifier 'ts_missing_value'}}
}

int unknown_type(void)
{
	ts_missing_t x = 0; // expected-error {{use of undeclared identifier 'ts_missing_t'}}
	return x; // expected-error {{use of undeclared identifier 'x'}}
}

int calls_undeclared(void)
{
	return ts_missing_function(1); // expected-warning {{implicit declaration of function 'ts_missing_function' is invalid in C99}}
}
