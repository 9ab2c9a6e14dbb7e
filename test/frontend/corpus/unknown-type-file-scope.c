// At file scope an unknown name before a declarator is a type clang does not know.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

ts_missing_t ts_global; // expected-error {{unknown type name 'ts_missing_t'}}
