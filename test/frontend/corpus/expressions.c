// Operands of the wrong kind.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct ts_box {
	int v;
};

int not_assignable(int a, int b)
{
	a + b = 3; // expected-error {{expression is not assignable}}
	return a;
}

int const_assignment(void)
{
	const int limit = 3; // expected-note {{variable 'limit' declared const here}}
	limit = 4; // expected-error {{cannot assign to variable 'limit' with const-qualified type 'const int'}}
	return limit;
}

int deref_int(int x)
{
	return *x; // expected-error {{indirection requires pointer operand ('int' invalid)}}
}

int subscript_int(int x)
{
	return x[1]; // expected-error {{subscripted value is not an array, pointer, or vector}}
}

int struct_plus_int(struct ts_box b)
{
	return b + 1; // expected-error {{invalid operands to binary expression ('struct ts_box' and 'int')}}
}

int address_of_rvalue(int a)
{
	int *p = &(a + 1); // expected-error {{cannot take the address of an rvalue of type 'int'}}
	return *p;
}
