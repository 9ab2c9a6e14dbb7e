// Statements in the wrong place.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

int stray_break(void)
{
	break; // expected-error {{'break' statement not in loop or switch statement}}
	return 0;
}

int stray_continue(void)
{
	continue; // expected-error {{'continue' statement not in loop statement}}
	return 0;
}

int duplicate_case(int x)
{
	switch (x) {
	case 1: // expected-note {{previous case defined here}}
		return 1;
	case 1: // expected-error {{duplicate case value '1'}}
		return 2;
	}
	return 0;
}

int missing_label(void)
{
	goto nowhere; // expected-error {{use of undeclared label 'nowhere'}}
	return 0;
}

int unused_value(int x)
{
	x + 1; // expected-warning {{expression result unused}}
	(void)x;
	return x;
}
