// Member access: '.' on a pointer, '->' on a struct, unknown members.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct ts_pair {
	u8 first;
	u32 second;
};

int dot_on_pointer(struct ts_pair *p)
{
	return p.first; // expected-error {{member reference type 'struct ts_pair *' is a pointer; did you mean to use '->'?}}
}

int arrow_on_struct(struct ts_pair p)
{
	return p->first; // expected-error {{member reference type 'struct ts_pair' is not a pointer; did you mean to use '.'?}}
}

int unknown_member(struct ts_pair *p)
{
	return p->third; // expected-error {{no member named 'third' in 'struct ts_pair'}}
}

int not_a_struct(int x)
{
	return x.first; // expected-error {{member reference base type 'int' is not a structure or union}}
}
