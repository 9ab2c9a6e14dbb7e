// Control-flow warnings (clang gives them only when the file has no error).
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

int falls_off(int x)
{
	if (x)
		return 1;
} // expected-warning {{non-void function does not return a value in all control paths}}

int never_returns(int x)
{
	x++;
} // expected-warning {{non-void function does not return a value}}

int always_returns(int x)
{
	if (x)
		return 1;
	else
		return 2;
}
