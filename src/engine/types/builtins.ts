import {
  boolType,
  type CType,
  type FunctionType,
  intType,
  longType,
  pointerTo,
  sizeType,
  unsignedIntType,
  unsignedLongLongType,
  unsignedShortType,
  voidPointer,
  voidType,
  withQualifiers,
} from "./ctypes";

const constVoidPointer = pointerTo(withQualifiers(voidType, { const: true }));

function fn(returns: CType, params: CType[], variadic = false): FunctionType {
  return { kind: "function", returns, params, paramNames: params.map(() => null), variadic, prototype: true };
}

/**
 * Compiler builtins clang accepts in BPF programs. Those whose result depends on their
 * arguments' types (`__sync_*`, `__builtin_preserve_access_index`) are typed by the checker.
 */
export const builtinFunctions: ReadonlyMap<string, FunctionType> = new Map([
  ["__builtin_memset", fn(voidPointer, [voidPointer, intType, sizeType])],
  ["__builtin_memcpy", fn(voidPointer, [voidPointer, constVoidPointer, sizeType])],
  ["__builtin_memmove", fn(voidPointer, [voidPointer, constVoidPointer, sizeType])],
  ["__builtin_memcmp", fn(intType, [constVoidPointer, constVoidPointer, sizeType])],
  ["__builtin_bswap16", fn(unsignedShortType, [unsignedShortType])],
  ["__builtin_bswap32", fn(unsignedIntType, [unsignedIntType])],
  ["__builtin_bswap64", fn(unsignedLongLongType, [unsignedLongLongType])],
  ["__builtin_expect", fn(longType, [longType, longType])],
  ["__builtin_trap", fn(voidType, [])],
  ["__builtin_unreachable", fn(voidType, [])],
  ["__builtin_clz", fn(intType, [unsignedIntType])],
  ["__builtin_ctz", fn(intType, [unsignedIntType])],
  ["__builtin_popcount", fn(intType, [unsignedIntType])],
  ["__builtin_clzll", fn(intType, [unsignedLongLongType])],
  ["__builtin_ctzll", fn(intType, [unsignedLongLongType])],
  ["__builtin_popcountll", fn(intType, [unsignedLongLongType])],
  ["__builtin_constant_p", fn(intType, [], true)],
  ["__builtin_assume", fn(voidType, [boolType])],
]);

/** Library functions clang knows and treats as its builtins when called without a declaration. */
export const libraryBuiltins: ReadonlyMap<string, string> = new Map([
  ["memset", "__builtin_memset"],
  ["memcpy", "__builtin_memcpy"],
  ["memmove", "__builtin_memmove"],
  ["memcmp", "__builtin_memcmp"],
]);

/** GNU atomic builtins: they take a pointer and return its pointee's type. */
export const atomicBuiltins = new Set([
  "__sync_fetch_and_add",
  "__sync_fetch_and_sub",
  "__sync_fetch_and_or",
  "__sync_fetch_and_and",
  "__sync_fetch_and_xor",
  "__sync_add_and_fetch",
  "__sync_sub_and_fetch",
  "__sync_or_and_fetch",
  "__sync_and_and_fetch",
  "__sync_xor_and_fetch",
  "__sync_val_compare_and_swap",
  "__sync_lock_test_and_set",
  "__sync_bool_compare_and_swap",
]);
