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

int switch_with_default_returns(int x)
{
	switch (x & 3) {
	case 1:
		return 1;
	default:
		return 0;
	}
}

int switch_without_default(int x)
{
	switch (x) {
	case 1:
		return 1;
	case 2:
		return 2;
	}
} // expected-warning {{non-void function does not return a value in all control paths}}

int switch_that_breaks(int x)
{
	switch (x) {
	case 1:
		break;
	default:
		return 0;
	}
} // expected-warning {{non-void function does not return a value in all control paths}}

int endless_for(int x)
{
	for (;;) {
		if (x)
			return 1;
		x++;
	}
}

int endless_while_with_nested_break(int x)
{
	while (1) {
		switch (x) {
		case 1:
			break;
		default:
			return 0;
		}
		x++;
	}
}

int endless_while_broken(int x)
{
	while (1) {
		if (x)
			break;
	}
} // expected-warning {{non-void function does not return a value}}

int do_once(int x)
{
	do {
		return 1;
	} while (0);
}

int loop_that_may_not_run(int x)
{
	while (x) {
		return 1;
	}
} // expected-warning {{non-void function does not return a value in all control paths}}

int jump_to_the_return(int x)
{
	int r = 0;
	if (x > 3)
		goto out;
	r = 1;
	goto out;
out:
	return r;
}
