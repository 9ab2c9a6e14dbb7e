import type { Span } from "../../source/source-file";
import { type CType, integerOf, isInteger, unqualified } from "../../types/ctypes";
import type { VariableSymbol } from "../../types/symbols";
import { forgetPointers, generateStore, readWide, writeWide } from "../access";
import type { Frame } from "../machine-state";
import { representation, type Value } from "../values";
import type { FunctionGenerator } from "./function-generator";
import { type Eval, jsRead, jsWrite, withJs } from "./generated";

// Locals: reads and stores of a function's variables in its own stack frame, where the offset
// is known when compiling. Shared by expressions (assignment) and statements (declarations).

/** A store into an lvalue, with its source form when it has one: `jsStore(v)` stores the temp `v`. */
export type Store = ((f: Frame, value: Value) => void) & { readonly jsStore?: (v: string) => string };

export function withJsStore(
  write: (f: Frame, value: Value) => void,
  jsStore: ((v: string) => string) | undefined,
): Store {
  if (jsStore !== undefined) (write as { jsStore?: (v: string) => string }).jsStore = jsStore;
  return write;
}

/**
 * A local integer read and written straight in its frame's stack: its offset is fixed and in
 * bounds, so there is no pointer to build or check. Pointers and structs take the general path.
 */
export function localScalar(
  c: FunctionGenerator,
  symbol: VariableSymbol,
  type: CType,
): { read: Eval; write: Store } | null {
  const closures = localScalarClosures(c, symbol, type);
  if (!closures || !isInteger(type)) return null;
  const { size, signed } = integerOf(type);
  const offset = c.localOffset(symbol);
  const view = "f.stack.view";
  return {
    read: withJs(
      closures.read,
      size === 8
        ? `readWide(f.stack, ${offset}, ${signed})`
        : (jsRead(view, `${offset}`, size, signed) ?? undefined),
    ),
    write: withJsStore(closures.write, (v) => {
      const forget = `f.stack.pointers.size > 0 && forgetPointers(f.stack, ${offset}, ${size})`;
      const bytes = size === 8 ? `writeWide(f.stack, ${offset}, ${v})` : jsWrite(view, `${offset}`, size, v);
      return `(${forget}, ${bytes})`;
    }),
  };
}

function localScalarClosures(
  c: FunctionGenerator,
  symbol: VariableSymbol,
  type: CType,
): { read: Eval; write: (f: Frame, value: Value) => void } | null {
  if (c.env.globals.has(symbol) || !isInteger(type)) return null;
  const { size, signed, rank } = integerOf(type);
  if (rank === 0) return null;
  const offset = c.localOffset(symbol);
  const clear = (f: Frame) => {
    if (f.stack.pointers.size > 0) forgetPointers(f.stack, offset, size);
  };
  const small = (n: Value) =>
    typeof n === "number" ? n : typeof n === "bigint" ? Number(BigInt.asIntN(32, n)) : 0;
  switch (size) {
    case 1:
      return {
        read: signed ? (f) => f.stack.view.getInt8(offset) : (f) => f.stack.view.getUint8(offset),
        write: (f, v) => {
          clear(f);
          f.stack.view.setUint8(offset, small(v) & 0xff);
        },
      };
    case 2:
      return {
        read: signed
          ? (f) => f.stack.view.getInt16(offset, true)
          : (f) => f.stack.view.getUint16(offset, true),
        write: (f, v) => {
          clear(f);
          f.stack.view.setUint16(offset, small(v) & 0xffff, true);
        },
      };
    case 4:
      return {
        read: signed
          ? (f) => f.stack.view.getInt32(offset, true)
          : (f) => f.stack.view.getUint32(offset, true),
        write: (f, v) => {
          clear(f);
          f.stack.view.setUint32(offset, small(v) >>> 0, true);
        },
      };
    case 8:
      return {
        read: (f) => readWide(f.stack, offset, signed),
        write: (f, v) => {
          clear(f);
          writeWide(f.stack, offset, v);
        },
      };
    default:
      return null;
  }
}

/** A store into a local variable's stack slot; null for globals and maps, which live elsewhere. */
export function localStorer(
  c: FunctionGenerator,
  symbol: VariableSymbol,
  type: CType,
  span: Span,
): Store | null {
  const local = localScalar(c, symbol, unqualified(type));
  if (local) return local.write;
  if (c.env.globals.has(symbol) || c.env.mapHandles.has(symbol)) return null;
  const write = generateStore(type, span);
  if (representation(type) === "pointer") {
    // One marker for this store, however many times its source is used (promoted-locals.ts).
    const offset = c.slotOffset(symbol);
    const marker = c.promotion.mark(symbol, offset);
    return withJsStore(
      (f, value) => write(f, f.stack, offset, value),
      (v) => `storePointer(f.stack, ${offset}, ${v} ${marker})`,
    );
  }
  const offset = c.localOffset(symbol);
  const constant = c.source.constant(write);
  return withJsStore(
    (f, value) => write(f, f.stack, offset, value),
    (v) => `${constant}(f, f.stack, ${offset}, ${v})`,
  );
}
