// Initializers: designators, nested lists, strings, excess elements.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct ts_point {
	int x;
	int y;
};

struct ts_point ts_origin = { .y = 2, .x = 1 };
int ts_table[4] = { [2] = 5, 6 };
char ts_name[] = "egress";
_Static_assert(sizeof(ts_name) == 7, "");
int ts_inferred[] = { 1, 2, 3 };
_Static_assert(sizeof(ts_inferred) == 12, "");

struct ts_point ts_too_many = { 1, 2, 3 }; // expected-warning {{excess elements in struct initializer}}
int ts_small_array[2] = { 1, 2, 3 }; // expected-warning {{excess elements in array initializer}}
struct ts_point ts_bad_field = { .z = 1 }; // expected-error {{field designator 'z' does not refer to any field in type 'struct ts_point'}}
int ts_out_of_range[2] = { [2] = 1 }; // expected-error {{array designator index (2) exceeds array bounds (2)}}

int not_constant(int v)
{
	static int ts_static = v; // expected-error {{initializer element is not a compile-time constant}}
	return ts_static;
}

// Found by the fuzzer: a designator left over for an element that is not an aggregate.
int ts_grid[3] = { [1][2] = 1 }; // expected-error {{array designator cannot initialize non-array type 'int'}}
struct ts_one { int x; } ts_one_value = { .x.y = 1 }; // expected-error {{field designator cannot initialize a non-struct, non-union type 'int'}}
void *ts_slots[4] = { [1] [2] = 0 }; // expected-error {{array designator cannot initialize non-array type 'void *'}}
