import type { Expr, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
import { evaluateConstant } from "./constant";
import { type CType, integerOf, isInteger } from "./ctypes";
import type { TypedProgram, VariableSymbol } from "./symbols";

/**
 * Whether LLVM knows an integer expression is never negative, the fact that lets it turn a
 * signed division into an unsigned one (InstCombine and CorrelatedValuePropagation do, from the
 * known bits and value ranges). Modelled on what clang 14 was measured to compile for BPF: a
 * value masked with a non-negative constant, an unsigned value shifted right or zero-extended, a
 * sum or product of such values (signed overflow is undefined, so it cannot wrap), and a local
 * whose every store is such a value or an increment, as a loop's counter from 0 is. Anything
 * else is assumed possibly negative, as LLVM assumes it.
 */
export class SignKnowledge {
  private readonly stores = new Map<VariableSymbol, Store[]>();
  private readonly untracked = new Set<VariableSymbol>();
  /** Locals being decided: a store that depends on the local itself (i = i + 1) assumes it. */
  private readonly deciding = new Set<VariableSymbol>();

  constructor(
    private readonly program: TypedProgram,
    body: Stmt,
  ) {
    this.collectStores(body);
  }

  /** Whether `expr`, converted to a signed type of `width` bytes, is never negative. */
  nonNegativeAs(expr: Expr, width: number): boolean {
    const type = this.typeOf(expr);
    if (!type || !isInteger(type)) return false;
    const source = integerOf(type);
    if (source.size < width) return !source.signed || this.nonNegative(expr);
    if (source.size > width) return this.constantIn(expr, width);
    return this.nonNegative(expr);
  }

  /** Whether the sign bit of `expr`, in its own type, is known to be clear. */
  nonNegative(expr: Expr): boolean {
    const constant = evaluateConstant(this.program, expr);
    if (constant?.kind === "int") return this.constantIn(expr, this.widthOf(expr));
    switch (expr.kind) {
      case "cast": {
        const target = this.typeOf(expr);
        return (
          target !== undefined &&
          isInteger(target) &&
          this.nonNegativeAs(expr.operand, integerOf(target).size)
        );
      }
      case "binary":
        return this.binaryNonNegative(expr);
      case "conditional":
        return this.nonNegative(expr.then ?? expr.test) && this.nonNegative(expr.otherwise);
      case "unary":
        return expr.op === "!";
      case "sizeof":
      case "alignof":
        return true;
      case "ident":
        return this.localNonNegative(expr);
      case "comma":
        return this.nonNegative(expr.right);
      default:
        return false;
    }
  }

  private binaryNonNegative(expr: Extract<Expr, { kind: "binary" }>): boolean {
    const { op, left, right } = expr;
    if (["==", "!=", "<", "<=", ">", ">=", "&&", "||"].includes(op)) return true;
    const unsigned = !this.signedOf(expr);
    const shift = evaluateConstant(this.program, right);
    switch (op) {
      case "&":
        return this.nonNegative(left) || this.nonNegative(right);
      case "|":
      case "^":
        return this.nonNegative(left) && this.nonNegative(right);
      case ">>":
        return (unsigned && shift?.kind === "int" && shift.value > 0n) || this.nonNegative(left);
      case "/":
        return (
          (unsigned && shift?.kind === "int" && shift.value > 1n) ||
          (this.nonNegative(left) && this.nonNegative(right))
        );
      case "%":
        return (unsigned && this.nonNegative(right)) || (this.nonNegative(left) && this.nonNegative(right));
      case "+":
      case "*":
      case "<<": {
        // Signed overflow is undefined (nsw): the sum of values that are not negative is not.
        if (!unsigned) return this.nonNegative(left) && this.nonNegative(right);
        // Unsigned ones wrap, unless the operands' known bits keep the result small.
        const bound = this.upperBound(expr);
        return bound !== null && bound < 1n << BigInt(this.widthOf(expr) * 8 - 1);
      }
      default:
        return false;
    }
  }

  /** The largest value an unsigned expression can have, from its known bits; null if not known. */
  private upperBound(expr: Expr): bigint | null {
    const constant = evaluateConstant(this.program, expr);
    if (constant?.kind === "int") return constant.value >= 0n ? constant.value : null;
    const type = this.typeOf(expr);
    if (!type || !isInteger(type)) return null;
    const typeMax = (1n << BigInt(integerOf(type).size * 8)) - 1n;
    if (expr.kind === "cast") {
      const from = this.typeOf(expr.operand);
      if (from && isInteger(from) && !integerOf(from).signed && integerOf(from).size <= integerOf(type).size)
        return this.upperBound(expr.operand) ?? (1n << BigInt(integerOf(from).size * 8)) - 1n;
      return null;
    }
    if (expr.kind === "conditional") {
      const a = this.upperBound(expr.then ?? expr.test);
      const b = this.upperBound(expr.otherwise);
      return a !== null && b !== null ? (a > b ? a : b) : null;
    }
    if (expr.kind !== "binary" || integerOf(type).signed) return null;
    const left = this.upperBound(expr.left);
    const right = this.upperBound(expr.right);
    const bounded = (value: bigint | null) => (value !== null && value <= typeMax ? value : null);
    switch (expr.op) {
      case "&":
        return left === null ? right : right === null ? left : left < right ? left : right;
      case "%":
        return right !== null && right > 0n ? right - 1n : null;
      case ">>":
        return right !== null ? (left ?? typeMax) >> right : null;
      case "+":
        return left !== null && right !== null ? bounded(left + right) : null;
      case "*":
        return left !== null && right !== null ? bounded(left * right) : null;
      case "<<":
        return left !== null && right !== null && right < 64n ? bounded(left << right) : null;
      default:
        return null;
    }
  }

  private localNonNegative(expr: Extract<Expr, { kind: "ident" }>): boolean {
    const symbol = this.program.references[expr.id];
    if (symbol?.kind !== "variable" || symbol.storage === "global") return false;
    if (this.untracked.has(symbol) || symbol.type.volatile) return false;
    const stores = this.stores.get(symbol);
    if (!stores) return false; // a parameter: only its type says anything
    if (this.deciding.has(symbol)) return true;
    this.deciding.add(symbol);
    try {
      return stores.every((store) => store === "increment" || this.nonNegativeAs(store, this.widthOf(expr)));
    } finally {
      this.deciding.delete(symbol);
    }
  }

  private collectStores(body: Stmt): void {
    walk(body, (node) => {
      if (node.kind === "declaration")
        for (const declarator of node.declarators) {
          const symbol = this.program.declared.get(declarator);
          if (!symbol || symbol.storage === "global") continue;
          if (declarator.init && declarator.init.kind !== "init-list") this.store(symbol, declarator.init);
          else if (declarator.init) this.untracked.add(symbol);
          else this.store(symbol, null);
        }
      else if (node.kind === "assign") this.assignment(node);
      else if (node.kind === "postfix" || (node.kind === "unary" && (node.op === "++" || node.op === "--"))) {
        const symbol = this.localOf(node.operand);
        if (symbol) this.store(symbol, node.op === "++" ? "increment" : undefined);
      } else if (node.kind === "unary" && node.op === "&") {
        const symbol = this.localOf(node.operand);
        if (symbol) this.untracked.add(symbol);
      }
    });
  }

  private assignment(node: Extract<Expr, { kind: "assign" }>): void {
    const symbol = this.localOf(node.target);
    if (!symbol) return;
    if (node.op === "=") this.store(symbol, node.value);
    else if (["+=", "*=", "|=", "^=", "/=", "%=", ">>=", "<<="].includes(node.op))
      // x OP= v stays non-negative when v is (and x is: that is what is being decided).
      this.store(symbol, node.value);
    else if (node.op === "&=") this.store(symbol, "increment");
    else this.store(symbol, undefined);
  }

  /** Records a store: an expression, an increment, null for a declaration without a value, undefined for one that may make it negative. */
  private store(symbol: VariableSymbol, value: Store | null | undefined): void {
    if (value === undefined) {
      this.untracked.add(symbol);
      return;
    }
    const stores = this.stores.get(symbol) ?? [];
    if (value !== null) stores.push(value);
    this.stores.set(symbol, stores);
  }

  private localOf(expr: Expr): VariableSymbol | null {
    if (expr.kind !== "ident") return null;
    const symbol = this.program.references[expr.id];
    return symbol?.kind === "variable" && symbol.storage !== "global" ? symbol : null;
  }

  private typeOf(expr: Expr): CType | undefined {
    return this.program.exprTypes[expr.id];
  }

  private widthOf(expr: Expr): number {
    const type = this.typeOf(expr);
    return type && isInteger(type) ? integerOf(type).size : 8;
  }

  private signedOf(expr: Expr): boolean {
    const type = this.typeOf(expr);
    return type !== undefined && isInteger(type) && integerOf(type).signed;
  }

  private constantIn(expr: Expr, width: number): boolean {
    const constant = evaluateConstant(this.program, expr);
    if (constant?.kind !== "int") return false;
    return constant.value >= 0n && constant.value < 1n << BigInt(width * 8 - 1);
  }
}

/** A store to a local: the value stored, or an increment (which keeps a value that is not negative so). */
type Store = Expr | "increment";
