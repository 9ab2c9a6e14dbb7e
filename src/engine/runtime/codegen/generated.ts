import { forgetPointers, loadPointer, readWide, storePointer, writeWide } from "../access";
import type { Frame, Instruction } from "../machine-state";
import type { Value } from "../values";

/**
 * Generated instructions. Every expression compiles to a closure (`Eval`), and the simple, hot
 * kinds (locals, members through a pointer, small-integer arithmetic, comparisons, helper calls)
 * also carry the same computation as JavaScript source (`js`). A statement whose expression has
 * source becomes one function made with `new Function`, in which V8 sees straight-line code it
 * can inline and specialise, instead of a tree of closures. Closures made at one place in the
 * source share V8's type feedback, so in a closure tree every load, store and operator is a
 * megamorphic call; in a generated function each is its own, monomorphic site.
 *
 * The source only ever takes the common, checked fast path inline; anything unusual (a fault, a
 * map value while a trace records, a context field holding a packet pointer, a pointer where a
 * number was expected) calls the closure that handles every case, so both paths give the same
 * result by construction. Set TAILSCOPE_NO_CODEGEN=1 to run on closures only and compare.
 */
export type Eval = ((frame: Frame) => Value) & {
  readonly js?: string;
  /** The value, when it is the same on every run (a constant, a map, a global's address). */
  readonly fixed?: { readonly value: Value };
};

/** Attaches source to a closure; `js` must compute what `fn` does, reading the frame as `f`. */
export function withJs<T extends (frame: Frame) => Value>(
  fn: T,
  js: string | undefined,
): T & { js?: string } {
  if (js !== undefined && generating) (fn as { js?: string }).js = js;
  return fn;
}

/** Off in Node with TAILSCOPE_NO_CODEGEN=1 (the engine reads no other environment). */
const generating =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.TAILSCOPE_NO_CODEGEN !== "1";

/** What a stack load gives back of a 64-bit integer stored in a pointer slot: its pattern, zero as null. */
function keptPointer(value: bigint): bigint | null {
  const pattern = BigInt.asUintN(64, value);
  return pattern === 0n ? null : pattern;
}

/** Runtime functions the generated source calls by name. */
const runtime = {
  forgetPointers,
  loadPointer,
  storePointer,
  readWide,
  writeWide,
  /** A value held as a small integer (what `& 0xff` and friends need). */
  smallOf(value: Value): number {
    return typeof value === "number"
      ? value
      : typeof value === "bigint"
        ? Number(BigInt.asIntN(32, value))
        : 0;
  },
  keptPointer,
  /** A pointer parameter's argument as its stack slot would give it back (see argumentStore). */
  keptArgument(value: Value | undefined): Value {
    const given = value ?? 0;
    return typeof given === "bigint" ? keptPointer(given) : given;
  },
  /** A value as the unsigned 64-bit pattern a `u64` store writes. */
  u64Of(value: Value): bigint {
    return BigInt.asUintN(
      64,
      typeof value === "bigint" ? value : BigInt(typeof value === "number" ? value : 0),
    );
  },
};
const runtimeNames = Object.keys(runtime);
const runtimeValues = runtimeNames.map((name) => runtime[name as keyof typeof runtime]);

/**
 * The source-level pieces of one function being compiled: constants the source refers to as
 * `k[i]`, and temporaries `t0, t1 …`, each used by one expression node.
 */
export class SourceContext {
  readonly constants: unknown[] = [];
  private temps = 0;

  /** A name for a constant (a closure, a region, a handle) the source can use. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  temp(): string {
    return `t${this.temps++}`;
  }

  /**
   * An instruction from a statement's source: `statements` run, then `next` (an expression) says
   * where to go. Null when generating is off. The parts are kept (see `bodyOf`): a whole function
   * (whole-function.ts) is these bodies in one switch.
   */
  instruction(statements: string, next: string): Instruction | null {
    if (!generating) return null;
    const made = this.compile(
      ["f"],
      `${this.tempDeclarations()} ${statements} return ${next};`,
    ) as Instruction;
    this.bodies.set(made, { statements, next });
    return made;
  }

  /** The source an instruction was made from, when `instruction` made it. */
  bodyOf(instruction: Instruction): InstructionBody | undefined {
    return this.bodies.get(instruction);
  }

  private readonly bodies = new Map<Instruction, InstructionBody>();

  /** `let t0, t1 …;` for the temporaries used so far, or nothing. */
  tempDeclarations(): string {
    return this.temps > 0 ? `let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(", ")};` : "";
  }

  /** A function of `f` and the named parameters over this context's constants and the runtime. */
  compile(parameters: readonly string[], body: string): unknown {
    const factory = new Function(
      "k",
      ...runtimeNames,
      `"use strict"; return function (${parameters.join(", ")}) { ${body} };`,
    );
    return factory(this.constants, ...runtimeValues);
  }
}

/** A generated instruction's source: its statements, and the expression for the next pc. */
export interface InstructionBody {
  readonly statements: string;
  readonly next: string;
}

/** An Eval as source: its own, or a call of the closure. */
export function jsOf(source: SourceContext, evaluate: Eval): string {
  return evaluate.js ?? `${source.constant(evaluate)}(f)`;
}

/** A constant value as source. */
export function jsConstant(source: SourceContext, value: Value): string {
  if (typeof value === "number") return Object.is(value, -0) ? "(-0)" : `(${value})`;
  if (typeof value === "bigint") return `(${value}n)`;
  if (value === null) return "null";
  return source.constant(value);
}

/**
 * C truthiness of the source's value: `isTruthy`'s test, each comparison on one type. Comparing a
 * pointer object with 0 and 0n, as one chain of `!==` did, gave V8 mixed feedback, and every
 * test went through its generic equality builtin.
 */
export function jsTruthy(source: SourceContext, code: string): string {
  const t = source.temp();
  return `(typeof (${t} = ${code}) === "number" ? ${t} !== 0 : typeof ${t} === "bigint" ? ${t} !== 0n : ${t} !== null)`;
}

/** Whether the value in `name` is a pointer (a region and an offset). */
export function jsIsPointer(name: string): string {
  return `(${name} !== null && typeof ${name} === "object" && ${name}.region !== undefined)`;
}

/** Wraps a JS number expression to a small C integer type, as `wrapSmall` does. */
export function jsWrap(code: string, bits: number, signed: boolean): string {
  if (bits === 32) return signed ? `((${code}) | 0)` : `((${code}) >>> 0)`;
  const shift = 32 - bits;
  return signed ? `(((${code}) << ${shift}) >> ${shift})` : `((${code}) & ${(1 << bits) - 1})`;
}

const readers: Record<number, readonly [signed: string, unsigned: string]> = {
  1: ["getInt8", "getUint8"],
  2: ["getInt16", "getUint16"],
  4: ["getInt32", "getUint32"],
  8: ["getBigInt64", "getBigUint64"],
};

/** The DataView read of a small or wide integer at `at` of `view`. */
export function jsRead(view: string, at: string, size: number, signed: boolean): string | null {
  const pair = readers[size];
  if (!pair) return null;
  const method = signed ? pair[0] : pair[1];
  return size === 1 ? `${view}.${method}(${at})` : `${view}.${method}(${at}, true)`;
}

/** The DataView write of value `v` (a temp) as a small or wide integer at `at` of `view`. */
export function jsWrite(view: string, at: string, size: number, v: string): string | null {
  const small = `(typeof ${v} === "number" ? ${v} : smallOf(${v}))`;
  switch (size) {
    case 1:
      return `${view}.setUint8(${at}, ${small} & 0xff)`;
    case 2:
      return `${view}.setUint16(${at}, ${small} & 0xffff, true)`;
    case 4:
      return `${view}.setUint32(${at}, ${small} >>> 0, true)`;
    case 8:
      return `${view}.setBigUint64(${at}, u64Of(${v}), true)`;
    default:
      return null;
  }
}
