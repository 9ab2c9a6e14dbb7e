import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { LoadedObject } from "../../loader/object";
import type { Span } from "../../source/source-file";
import type { Expr } from "../../syntax/ast";
import { alignOf, type CType, sizeOf } from "../../types/ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../../types/symbols";
import type { CompiledFunction, Instruction } from "../machine-state";
import type { Region } from "../memory";
import type { FunctionHandle, MapHandle, Value } from "../values";
import { type Eval, jsTruthy, SourceContext } from "./generated";
import { LocalPromotion } from "./promoted-locals";

export type { Eval };

/** What compiling any function needs: the program, its object, and the machine's fixed places. */
export interface CodegenEnvironment {
  readonly program: TypedProgram;
  readonly object: LoadedObject;
  readonly globals: ReadonlyMap<VariableSymbol, Region>;
  readonly mapHandles: ReadonlyMap<VariableSymbol, MapHandle>;
  /** A region holding a string literal's bytes (read-only, like .rodata). */
  stringRegion(bytes: Uint8Array): Region;
  /** The compiled function for a call, compiled on first use. */
  compiled(symbol: FunctionSymbol): CompiledFunction;
  functionHandle(symbol: FunctionSymbol): FunctionHandle;
  readonly diagnostics: Diagnostic[];
}

interface LoopTargets {
  readonly breakJumps: number[];
  readonly continueJumps: number[];
  readonly isSwitch: boolean;
}

/** Compiles one function body to a flat list of instructions over a byte-accurate stack frame. */
/** Where a function's locals sit in its stack; shared with the statement expressions inside it. */
interface StackLayout {
  readonly offsets: Map<VariableSymbol, number>;
  used: number;
  /** Which pointer locals a whole function may keep in variables (promoted-locals.ts). */
  readonly promotion: LocalPromotion;
}

/**
 * The expression generators the other parts call back into (a call's arguments, an
 * initializer's values, a statement's expressions are expressions again). A FunctionGenerator
 * reaches them through this table, filled in by generate-function.ts, so the parts of the code
 * generator import the table, not each other in a cycle.
 */
export interface ExpressionGenerators {
  /** The value of an expression, as its own type. */
  rvalue(c: FunctionGenerator, expr: Expr): Eval;
  /** The value of an expression converted to `to`, as an assignment converts it. */
  converted(c: FunctionGenerator, expr: Expr, to: CType): Eval;
}

export class FunctionGenerator {
  readonly instructions: Instruction[] = [];
  /** The statement each instruction runs; null for bookkeeping jumps, which are not steps. */
  readonly spans: (Span | null)[] = [];
  private readonly loops: LoopTargets[] = [];
  readonly labels = new Map<string, number>();
  readonly gotos: { label: string; at: number }[] = [];
  /** `case` values and `default` of the switch statements being compiled, innermost last. */
  readonly switches: { cases: Map<bigint, number>; defaultPc: number | null }[] = [];
  /**
   * Calls that are a whole statement (`bpf_tail_call(ctx, &map, i);`): a tail call from one needs
   * no unwinding, since nothing of the statement is left to skip, so it is signalled by a flag the
   * dispatch loop checks instead of a thrown signal. Null in a statement expression's compiler,
   * whose statements run inside an expression.
   */
  readonly statementCalls: Set<Expr> | null;

  constructor(
    readonly env: CodegenEnvironment,
    private readonly expressions: ExpressionGenerators,
    readonly symbol: FunctionSymbol,
    private readonly layout: StackLayout = { offsets: new Map(), used: 0, promotion: new LocalPromotion() },
    nested = false,
    /** Constants and temporaries of the function's generated instructions. */
    readonly source: SourceContext = new SourceContext(),
    /** Expressions whose value nothing uses: a whole statement's, or a statement expression's last. */
    readonly discarded: Set<Expr> = new Set(),
  ) {
    this.statementCalls = nested ? null : new Set();
  }

  /**
   * Expressions whose value is given, not computed: the operands of a looped self call's
   * operator, filled in when the function returns (see self-loops.ts).
   */
  readonly holes = new Map<Expr, Eval>();

  /** A compiler for a statement expression: its own instructions, the same frame. */
  child(): FunctionGenerator {
    return new FunctionGenerator(
      this.env,
      this.expressions,
      this.symbol,
      this.layout,
      true,
      this.source,
      this.discarded,
    );
  }

  rvalue(expr: Expr): Eval {
    return this.expressions.rvalue(this, expr);
  }

  converted(expr: Expr, to: CType): Eval {
    return this.expressions.converted(this, expr, to);
  }

  typeOf(node: { id: number }): CType {
    const type = this.env.program.exprTypes[node.id];
    if (!type) throw new Error(`no type recorded for node ${node.id}`);
    return type;
  }

  /** Reserves aligned stack space; locals are laid out in declaration order, as clang does at -O0. */
  allocate(type: CType): number {
    const align = Math.max(1, alignOf(type));
    const offset = Math.ceil(this.layout.used / align) * align;
    this.layout.used = offset + Math.max(1, sizeOf(type));
    return offset;
  }

  /** Every local and parameter given a stack slot, with its offset: what an inspector shows. */
  get localSlots(): { symbol: VariableSymbol; offset: number }[] {
    return [...this.layout.offsets].map(([symbol, offset]) => ({ symbol, offset }));
  }

  /**
   * A local's offset in the stack, for code that reaches it there (an address, a closure, bytes):
   * a whole function then keeps the local in the stack too (see `promotion`).
   */
  localOffset(symbol: VariableSymbol): number {
    this.layout.promotion.pin(symbol);
    return this.slotOffset(symbol);
  }

  /** The local's offset, for a pointer local's load or store whose source carries a marker. */
  slotOffset(symbol: VariableSymbol): number {
    let offset = this.layout.offsets.get(symbol);
    if (offset === undefined) {
      offset = this.allocate(symbol.type);
      this.layout.offsets.set(symbol, offset);
    }
    return offset;
  }

  get promotion(): LocalPromotion {
    return this.layout.promotion;
  }

  get frameSize(): number {
    return this.layout.used;
  }

  get pc(): number {
    return this.instructions.length;
  }

  emit(instruction: Instruction, span: Span | null): number {
    this.instructions.push(instruction);
    this.spans.push(span);
    return this.instructions.length - 1;
  }

  /** Emits a jump whose target is filled in later by `patch`. */
  emitJump(span: Span | null, condition?: Eval, jumpWhen = true): number {
    const at = this.pc;
    this.emit(() => at + 1, span);
    if (condition) this.jumpTargets.set(at, { condition, jumpWhen });
    else this.jumpTargets.set(at, null);
    return at;
  }

  private readonly jumpTargets = new Map<number, { condition: Eval; jumpWhen: boolean } | null>();

  patch(at: number, target: number, truthy: (v: Value) => boolean): void {
    const jump = this.jumpTargets.get(at);
    const next = at + 1;
    if (jump === undefined) throw new Error("patching a non-jump");
    if (jump === null) this.instructions[at] = this.source.instruction("", `${target}`) ?? (() => target);
    else {
      const { condition, jumpWhen } = jump;
      const [taken, untaken] = jumpWhen ? [target, next] : [next, target];
      const generated =
        condition.js === undefined
          ? null
          : this.source.instruction("", `${jsTruthy(this.source, condition.js)} ? ${taken} : ${untaken}`);
      this.instructions[at] =
        generated ?? ((frame) => (truthy(condition(frame)) === jumpWhen ? target : next));
    }
  }

  pushLoop(isSwitch: boolean): LoopTargets {
    const targets = { breakJumps: [], continueJumps: [], isSwitch };
    this.loops.push(targets);
    return targets;
  }

  popLoop(): void {
    this.loops.pop();
  }

  innermostLoop(forContinue: boolean): LoopTargets | undefined {
    for (let i = this.loops.length - 1; i >= 0; i--) {
      if (!forContinue || !this.loops[i].isSwitch) return this.loops[i];
    }
    return undefined;
  }
}
