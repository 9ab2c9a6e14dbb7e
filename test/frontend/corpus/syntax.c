// Syntax errors, each reported where clang reports it, and parsing goes on after each.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct ts_fields {
	int a // expected-warning {{expected ';' at end of declaration list}}
};

int missing_semicolons(int x)
{
	int y = x // expected-error {{expected ';' at end of declaration}}
	y++ // skipped: clang drops the rest of a declaration up to the next ';'
	return 0;
}

int missing_semicolon_after_expression(int x)
{
	x++ // expected-error {{expected ';' after expression}}
	x = ; // expected-error {{expected expression}}
	return x // expected-error {{expected ';' after return statement}}
	x = ; // skipped after a return statement
	return 0;
}

int missing_expression(void)
{
	int z = ; // expected-error {{expected expression}}
	return z;
}

int missing_paren(int x)
{
	return (x + 1; // expected-error {{expected ')'}} expected-note {{to match this '('}}
}
