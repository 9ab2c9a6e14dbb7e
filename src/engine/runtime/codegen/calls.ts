import { ldAbsWidth } from "../../source/ld-abs";
import type { Span } from "../../source/source-file";
import type { CallExpr, Expr } from "../../syntax/ast";
import { walk } from "../../syntax/walk";
import { libraryBuiltins } from "../../types/builtins";
import { type CType, type FunctionType, intType, sizeOf, unqualified } from "../../types/ctypes";
import { load, store, watchMapWrite } from "../access";
import { helperForCallSite, helperName, helpers } from "../helpers";
import { MAX_NESTED_CALLS } from "../limits";
import type { Frame } from "../machine-state";
import { ArrayMap } from "../maps/array";
import { markWritten, type Pointer, type Region } from "../memory";
import { loadPacketBigEndian } from "../packet-load";
import { isMapHandle, isPointer, RuntimeFault, representation, type Value } from "../values";
import { convertValue, generateConversion, integerOperation } from "./arithmetic";
import type { FunctionGenerator } from "./function-generator";
import { type Eval, jsOf, type SourceContext, withJs } from "./generated";

function calleeType(c: FunctionGenerator, callee: Expr): FunctionType | null {
  const type = c.typeOf(callee);
  if (type.kind === "function") return type;
  if (type.kind === "pointer" && type.to.kind === "function") return type.to;
  return null;
}

function bytes(value: Value, length: number, span: Span, what: string): Uint8Array {
  if (!isPointer(value)) throw new RuntimeFault(`${what} is not a pointer`, span);
  if (value.offset < 0 || value.offset + length > value.region.size) {
    throw new RuntimeFault(
      `${what}: ${length} bytes at offset ${value.offset} run past ${value.region.name}`,
      span,
    );
  }
  return value.region.bytes.subarray(
    value.region.start + value.offset,
    value.region.start + value.offset + length,
  );
}

/** `bytes.fill(byte, from, to)`, in a loop for the few bytes a struct reset usually is (fill is a call into V8). */
function fillBytes(bytes: Uint8Array, byte: number, from: number, to: number): void {
  if (to - from > 32) bytes.fill(byte, from, to);
  else for (let i = from; i < to; i++) bytes[i] = byte;
}

/**
 * A memset into a map value a recording watches. Its own function: a closure made inside
 * memset's would have V8 keep memset's variables in a context object it allocates on every
 * call, watched or not (64 bytes a packet of the seed).
 */
function watchedFill(f: Frame, region: Region, offset: number, byte: number, count: number): void {
  const start = region.start + offset;
  watchMapWrite(f, region, offset, count, () => fillBytes(region.bytes, byte, start, start + count));
}

/** A memcpy into a map value: its own function for the reason watchedFill is. */
function watchedCopy(f: Frame, dst: Pointer, target: Uint8Array, src: Value, n: number, span: Span): void {
  watchMapWrite(f, dst.region, dst.offset, n, () => target.set(bytes(src, n, span, "the source").slice()));
}

/** The longest memset with a fixed length that generated source writes out store by store. */
const INLINE_MEMSET_BYTES = 16;

/** An Eval's fixed value as a number (a size_t is a bigint), or null when it has none. */
function fixedNumberOf(evaluate: Eval): number | null {
  const known = evaluate.fixed?.value;
  return typeof known === "number" || typeof known === "bigint" ? Number(known) : null;
}

/** Compiler builtins that do work at run time (the constant ones are folded before this). */
function builtin(c: FunctionGenerator, name: string, expr: CallExpr): Eval | null {
  // The arguments are generated only for a builtin: any other call generates its own, and values
  // made here and dropped would each count as an access a whole function cannot see
  // (promoted-locals.ts).
  let generated: Eval[] | null = null;
  const argsOf = () => (generated ??= expr.args.map((a) => c.rvalue(a)));
  const span = expr.span;
  switch (name) {
    case "__builtin_memset": {
      const [dst, value, length] = argsOf();
      const memset = (f: Frame, d: Value, v: Value, n: Value): Value => {
        const count = Number(n);
        if (!isPointer(d) || d.offset < 0 || d.offset + count > d.region.size)
          return bytes(d, count, span, "memset's destination");
        const region = d.region;
        const start = region.start + d.offset;
        const byte = Number(v) & 0xff;
        markWritten(region, start, count);
        if (region.mapSlot && f.run.machine.observer !== null) watchedFill(f, region, d.offset, byte, count);
        else fillBytes(region.bytes, byte, start, start + count);
        return d;
      };
      const s = c.source;
      // `sizeof` is a size_t, a 64-bit value: a fixed length becomes a number once, here.
      const fixedNumber = (e: Eval) => {
        const known = fixedNumberOf(e);
        return known === null ? jsOf(s, e) : `(${known})`;
      };
      const call = (target: string) =>
        `${s.constant(memset)}(f, ${target}, ${fixedNumber(value)}, ${fixedNumber(length)})`;
      const fixedLength = fixedNumberOf(length);
      const fixedByte = fixedNumberOf(value);
      // A struct reset of a few bytes is stored in place when the destination is an untracked
      // region nothing watches: a call, its checks and a loop cost ten times the stores.
      // Anything else goes to the helper, which gives the same result.
      const closure = (f: Frame) => memset(f, dst(f), value(f), length(f));
      if (fixedLength === null || fixedByte === null || fixedLength < 1 || fixedLength > INLINE_MEMSET_BYTES)
        return withJs(closure, call(jsOf(s, dst)));
      const [d, r, at] = [s.temp(), s.temp(), s.temp()];
      const byte = fixedByte & 0xff;
      const stores = Array.from({ length: fixedLength }, (_, i) => `${r}.bytes[${at} + ${i}] = ${byte}`);
      const inPlace =
        `(${d} = ${jsOf(s, dst)}) !== null && typeof ${d} === "object" && (${r} = ${d}.region) !== undefined && ` +
        `${d}.offset >= 0 && ${d}.offset + ${fixedLength} <= ${r}.size && ${r}.written === undefined && ` +
        `(${r}.mapSlot === undefined || f.run.machine.observer === null)`;
      return withJs(
        closure,
        `(${inPlace} ? (${at} = ${r}.start + ${d}.offset, ${stores.join(", ")}, ${d}) : ${call(d)})`,
      );
    }
    case "__builtin_memcpy":
    case "__builtin_memmove": {
      // No array of the arguments and no closure per call: each was an allocation (see watchedFill).
      const [dstOf, srcOf, lengthOf] = argsOf();
      return (f) => {
        const dst = dstOf(f);
        const src = srcOf(f);
        const n = Number(lengthOf(f));
        const target = bytes(dst, n, span, "the destination");
        // `bytes` threw for a destination that is not a pointer.
        const pointer = dst as Pointer;
        markWritten(pointer.region, pointer.region.start + pointer.offset, n);
        if (pointer.region.mapSlot) watchedCopy(f, pointer, target, src, n, span);
        else target.set(bytes(src, n, span, "the source").slice());
        return dst;
      };
    }
    case "__builtin_memcmp": {
      const [aOf, bOf, lengthOf] = argsOf();
      return (f) => {
        const a = aOf(f);
        const b = bOf(f);
        const n = Number(lengthOf(f));
        const x = bytes(a, n, span, "the first operand");
        const y = bytes(b, n, span, "the second operand");
        for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
        return 0;
      };
    }
    case "__builtin_bswap16":
    case "__builtin_bswap32":
    case "__builtin_bswap64": {
      const width = Number(name.slice(-2));
      const type = c.typeOf(expr);
      const [value] = argsOf();
      return (f) => {
        let v = BigInt.asUintN(width, BigInt(value(f) as number | bigint));
        let out = 0n;
        for (let i = 0; i < width / 8; i++) {
          out = (out << 8n) | (v & 0xffn);
          v >>= 8n;
        }
        return convertValue(out, type, type);
      };
    }
    case "__builtin_expect":
      return argsOf()[0];
    case "__builtin_trap":
    case "__builtin_unreachable":
      return () => {
        throw new RuntimeFault(`${name} reached`, span);
      };
    default:
      return name.startsWith("__sync_") ? atomic(c, name, expr) : null;
  }
}

/** GNU atomics; a run is one CPU at a time, so read-modify-write needs no locking. */
function atomic(c: FunctionGenerator, name: string, expr: CallExpr): Eval {
  const pointer = c.rvalue(expr.args[0]);
  const pointerType = c.typeOf(expr.args[0]);
  const type: CType = pointerType.kind === "pointer" ? unqualified(pointerType.to) : intType;
  const operands = expr.args.slice(1).map((a) => c.converted(a, type));
  const span = expr.span;
  // __sync_fetch_and_OP returns the old value, __sync_OP_and_fetch the new one.
  const op = /^__sync_(?:fetch_and_(add|sub|or|and|xor)|(add|sub|or|and|xor)_and_fetch)$/.exec(name);
  const opName = op?.[1] ?? op?.[2];
  const operation = opName
    ? integerOperation({ add: "+", sub: "-", or: "|", and: "&", xor: "^" }[opName] as string, type)
    : null;
  const returnsOld = op?.[1] !== undefined;
  return (f) => {
    const at = pointer(f);
    const old = load(f, at, type, span);
    const values = operands.map((o) => o(f));
    if (operation) {
      const updated = operation(old, values[0]);
      store(f, at, type, updated, span);
      return returnsOld ? old : updated;
    }
    if (name.includes("compare_and_swap")) {
      const swap = old == values[0];
      if (swap) store(f, at, type, values[1], span);
      return name.includes("bool") ? (swap ? 1 : 0) : old;
    }
    store(f, at, type, values[0], span);
    return old;
  };
}

export function generateCall(c: FunctionGenerator, expr: CallExpr): Eval {
  const span = expr.span;
  if (expr.callee.kind === "ident") {
    const symbol = c.env.program.references[expr.callee.id];
    if (expr.callee.name === "__builtin_preserve_access_index") return c.rvalue(expr.args[0]);
    // `memset(…)` with no declaration is clang's __builtin_memset (the checker binds it so), and
    // so is a declared `memset` with no body: clang expands both inline, by name.
    const named = symbol?.kind === "function" && !symbol.definition ? symbol.name : expr.callee.name;
    const special = builtin(c, libraryBuiltins.get(named) ?? named, expr);
    if (special && (!symbol || (symbol.kind === "function" && !symbol.definition))) return special;
    const width = symbol?.kind === "function" ? ldAbsWidth(symbol) : null;
    if (symbol?.kind === "function" && width) return packetLoadCall(c, expr, width, symbol.type.returns);
  }
  const fnType = calleeType(c, expr.callee);
  if (!fnType) throw new Error("call of a non-function");
  const args = expr.args.map((arg, i) =>
    i < fnType.params.length ? c.converted(arg, fnType.params[i]) : c.rvalue(arg),
  );
  const returnType = fnType.returns;
  const wholeStatement = c.statementCalls?.has(expr) ?? false;
  const helperId = knownHelper(c, expr.callee);
  if (helperId !== null) return helperCall(c, expr, helperId, args, returnType, wholeStatement);
  const callee = c.rvalue(expr.callee);
  return (f) => {
    const target = callee(f);
    const values = args.map((a) => a(f));
    if (typeof target !== "object" || target === null || !("kind" in target) || target.kind !== "function") {
      throw new RuntimeFault("call through a value that is not a function", span);
    }
    if (target.helperId !== null)
      return callHelper(f, target.helperId, values, returnType, span, wholeStatement);
    if (!target.symbol?.definition)
      throw new RuntimeFault(`call to '${target.symbol?.name}', which has no definition`, span);
    if (f.run.frames.length >= MAX_NESTED_CALLS) throw tooDeep(target.symbol.name, span);
    const compiled = c.env.compiled(target.symbol);
    return convertValue(f.run.machine.call(f.run, compiled, values), returnType, returnType);
  };
}

/**
 * `load_byte(skb, off)` and its kin: LD_ABS/LD_IND, a packet load clang emits in place of a call
 * (ld-abs.ts), which ends the function with 0 when it reaches past the packet (packet-load.ts).
 */
function packetLoadCall(c: FunctionGenerator, expr: CallExpr, width: 1 | 2 | 4, returns: CType): Eval {
  const offset = c.rvalue(expr.args[1]);
  const wide = representation(returns) === "wide";
  const span = expr.span;
  // The intrinsic only reads memory, so clang deletes a load whose value nothing uses.
  if (c.discarded.has(expr)) return (f) => (offset(f), 0);
  return (f) => {
    const at = offset(f);
    const value = loadPacketBigEndian(f, width, typeof at === "bigint" ? at : BigInt(Number(at)), span);
    return wide ? BigInt(value) : value;
  };
}

function tooDeep(name: string, span: Span): RuntimeFault {
  return new RuntimeFault(
    `'${name}' is called ${MAX_NESTED_CALLS} calls deep; the kernel refuses more than 8 frames`,
    span,
  );
}

/** The helper a call names directly (libbpf's `bpf_map_lookup_elem` and friends), if it does. */
function knownHelper(c: FunctionGenerator, callee: Expr): number | null {
  if (callee.kind !== "ident") return null;
  const symbol = c.env.program.references[callee.id];
  if (symbol?.kind !== "variable") return null;
  return c.env.object.helpers.get(symbol) ?? null;
}

/**
 * A call of a helper known when compiling: no function value to check, the return conversion
 * decided once, and none at all when the statement throws the value away (`bpf_printk(…);`).
 */
function helperCall(
  c: FunctionGenerator,
  expr: CallExpr,
  id: number,
  args: readonly Eval[],
  returnType: CType,
  wholeStatement: boolean,
): Eval {
  const span = expr.span;
  const implementation =
    helperForCallSite(
      id,
      args.map((a) => a.fixed),
    ) ?? helpers.get(id);
  if (!implementation) {
    return () => {
      throw new RuntimeFault(`${helperName(id)}#${id} is not modelled by Tailscope`, span);
    };
  }
  const convert = c.discarded.has(expr) ? null : returnConversion(returnType);
  const invoke = convert
    ? (f: Frame, values: Value[]) => convert(implementation(f, values, span, wholeStatement))
    : (f: Frame, values: Value[]) => {
        implementation(f, values, span, wholeStatement);
        return 0;
      };
  const closure: Eval = (f) => {
    const values: Value[] = [];
    for (const arg of args) values.push(arg(f));
    return invoke(f, values);
  };
  const s = c.source;
  // In the source, the helper and the conversion are called from this site's own code: through
  // the shared `invoke` closure, every helper call in the program went through the same two call
  // sites, each calling a dozen different functions (megamorphic: never inlined, slowest to call).
  const call = (values: string) => {
    const called = `${s.constant(implementation)}(f, ${values}, ${s.constant(span)}, ${wholeStatement})`;
    if (convert === null) return `(${called}, 0)`;
    return returnType.kind === "pointer" ? called : `${s.constant(convert)}(${called})`;
  };
  if (expr.args.some((arg) => mayRunFunctions(c, arg)))
    return withJs(closure, call(`[${args.map((a) => jsOf(s, a)).join(", ")}]`));
  const generalJs = callWithSiteArguments(s, args, call);
  const arrayLookup = convert !== null ? arrayLookupJs(c, id, expr, args, returnType) : null;
  return withJs(closure, arrayLookup === null ? generalJs : arrayLookup(generalJs));
}

/** The generated call filling one argument list per call site (see helperCall). */
function callWithSiteArguments(
  s: SourceContext,
  args: readonly Eval[],
  call: (values: string) => string,
): string {
  // The generated call fills one argument list per call site instead of making one per call: no
  // helper keeps its arguments past returning, and no argument runs code that could come back to
  // this call site before the call.
  const list = s.temp();
  const fills = args.map((a, i) => `${list}[${i}] = ${jsOf(s, a)}`);
  const site = s.constant(Array.from({ length: args.length }, (): Value => 0));
  return `(${[`${list} = ${site}`, ...fills, call(list)].join(", ")})`;
}

const BPF_FUNC_map_lookup_elem = 1;

/** For `&local` (through casts): the local's offset in the frame's stack; null for anything else. */
function localAddressOffset(c: FunctionGenerator, arg: Expr): number | null {
  let e = arg;
  while (e.kind === "cast") e = e.operand;
  if (e.kind !== "unary" || e.op !== "&" || e.operand.kind !== "ident") return null;
  const symbol = c.env.program.references[e.operand.id];
  if (symbol?.kind !== "variable" || c.env.globals.has(symbol) || c.env.mapHandles.has(symbol)) return null;
  return c.localOffset(symbol);
}

/**
 * `bpf_map_lookup_elem(&array, &local)`, the commonest lookup (a per-CPU scratch value at key 0),
 * as source reading the key from the stack and indexing the array: what helper 1 does for an
 * array map and a key in bounds, without building the key's pointer, an argument list or three
 * calls. With an observer (a trace records the read) it takes the general call, given as source.
 */
function arrayLookupJs(
  c: FunctionGenerator,
  id: number,
  expr: CallExpr,
  args: readonly Eval[],
  returnType: CType,
): ((general: string) => string) | null {
  if (id !== BPF_FUNC_map_lookup_elem || returnType.kind !== "pointer") return null;
  const handle = args[0]?.fixed?.value;
  if (!isMapHandle(handle) || !(handle.map instanceof ArrayMap)) return null;
  const keyOffset = expr.args[1] ? localAddressOffset(c, expr.args[1]) : null;
  if (keyOffset === null) return null;
  const s = c.source;
  const found = s.temp();
  const lookup = `${found} = ${s.constant(handle.map)}.lookupIndex(f.stack.view.getUint32(${keyOffset}, true), f.run.cpu)`;
  return (general) =>
    `(f.run.machine.observer === null && ${keyOffset + 4} <= f.stack.size ? (${lookup}, ${found} === null ? null : ${found}.origin) : ${general})`;
}

/**
 * Whether evaluating an argument may call a function of the program (or run statements), which
 * could, by recursion, reach the same call site again while its arguments are half filled.
 */
function mayRunFunctions(c: FunctionGenerator, arg: Expr): boolean {
  let found = false;
  walk(arg, (node) => {
    if (node.kind === "statement-expr") found = true;
    else if (node.kind === "call" && knownHelper(c, node.callee) === null) found = true;
  });
  return found;
}

/** How a helper's result becomes its declared return type's value. */
function returnConversion(returnType: CType): (value: Value) => Value {
  if (returnType.kind === "void") return () => 0;
  if (returnType.kind === "pointer") return (value) => value;
  return generateConversion(returnType, returnType);
}

function callHelper(
  frame: Frame,
  id: number,
  args: readonly Value[],
  returnType: CType,
  span: Span,
  wholeStatement: boolean,
): Value {
  const implementation = helpers.get(id);
  if (!implementation) throw new RuntimeFault(`${helperName(id)}#${id} is not modelled by Tailscope`, span);
  const result = implementation(frame, args, span, wholeStatement);
  return returnConversion(returnType)(result);
}

export { sizeOf };
