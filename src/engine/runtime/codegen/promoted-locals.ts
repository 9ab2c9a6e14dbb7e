import type { VariableSymbol } from "../../types/symbols";

/**
 * Pointer locals a whole function (whole-function.ts) keeps in JavaScript variables instead of
 * its stack. A pointer in the stack costs a marker write and a slot in the region's pointer
 * table on every store, and a table search on every load; the seed's chain spent about a sixth
 * of its time there. The stack form stays for the dispatch loop, whose observers read locals
 * from the stack, so each access's source carries a marker and the whole function rewrites it.
 *
 * A local is promoted only when the whole function's source holds every access made to it: an
 * address taken (`&p`), a closure-only path, or a statement expression reaches the stack, and
 * keeps the local there. Its one alias left is an access through a neighbour's address that runs
 * past that neighbour, which the verifier allows in the stack and C leaves undefined; Tailscope's
 * stack layout is not clang's anyway, so no such program behaves as in the kernel.
 */
export class LocalPromotion {
  /** Locals some access reaches through the stack bytes. */
  private readonly pinned = new Set<VariableSymbol>();
  private readonly candidates = new Map<VariableSymbol, Candidate>();
  /** Each pointer parameter's place in the argument list, for parameters that may be promoted. */
  private readonly arguments = new Map<VariableSymbol, number>();

  /**
   * A pointer parameter a whole function may hold in a variable, starting from its argument
   * (the frame then stores no copy in the stack). Not for a function whose self call clang makes
   * a loop: its arguments are stored again mid-function.
   */
  parameter(symbol: VariableSymbol, argument: number): void {
    this.arguments.set(symbol, argument);
  }

  /** An access to `symbol` that goes through its stack bytes: the local stays in the stack. */
  pin(symbol: VariableSymbol): void {
    this.pinned.add(symbol);
  }

  /** A comment naming one access to the pointer local at `offset`, to put in the access's source. */
  mark(symbol: VariableSymbol, offset: number): string {
    let candidate = this.candidates.get(symbol);
    if (!candidate) {
      const argument = this.arguments.get(symbol) ?? null;
      candidate = { variable: `p${this.candidates.size}`, offset, argument, accesses: 0 };
      this.candidates.set(symbol, candidate);
    }
    return `/*${candidate.variable}.${candidate.accesses++}*/`;
  }

  /**
   * A whole function's body with each local it holds every access to read and written as a
   * variable (`loadPointer(f.stack, 16 /*p0.1*\/)` → `p0`); a local whose accesses do not all
   * match stays in the stack.
   */
  rewrite(body: string): {
    body: string;
    promoted: readonly PromotedLocal[];
    /** The places in the argument list of pointer parameters nothing reads (see `unread`). */
    unread: readonly number[];
  } {
    const promoted: PromotedLocal[] = [];
    let text = body;
    for (const [symbol, candidate] of this.candidates) {
      if (this.pinned.has(symbol) || !holdsEveryAccess(text, candidate)) continue;
      const rewritten = rewriteAccesses(text, candidate);
      if (rewritten.includes(`/*${candidate.variable}.`)) continue;
      text = rewritten;
      promoted.push({ variable: candidate.variable, offset: candidate.offset, argument: candidate.argument });
    }
    return { body: text, promoted, unread: this.unread() };
  }

  /**
   * Pointer parameters no access reaches at all (a program that only hands its context on, or
   * ignores it): the frame need not store them. Stored, such a pointer took a slot in the
   * stack's pointer table, and every later store into the stack searched the table for it.
   */
  private unread(): number[] {
    const unread: number[] = [];
    for (const [symbol, argument] of this.arguments)
      if (!this.candidates.has(symbol) && !this.pinned.has(symbol)) unread.push(argument);
    return unread;
  }
}

/** A local held in a variable: its name, and its stack offset (to write it back before a hand-over). */
export interface PromotedLocal {
  readonly variable: string;
  readonly offset: number;
  /** A parameter's place in the argument list; null for a local. */
  readonly argument: number | null;
}

interface Candidate {
  readonly variable: string;
  readonly offset: number;
  readonly argument: number | null;
  accesses: number;
}

function holdsEveryAccess(text: string, candidate: Candidate): boolean {
  for (let i = 0; i < candidate.accesses; i++)
    if (!text.includes(`/*${candidate.variable}.${i}*/`)) return false;
  return true;
}

/**
 * Loads become the variable. A store keeps what a load of the stack would give back: a 64-bit
 * pattern (zero as null), or the pointer, handle or number itself (see storePointer).
 */
function rewriteAccesses(text: string, { variable, offset }: Candidate): string {
  const load = new RegExp(`loadPointer\\(f\\.stack, ${offset} /\\*${variable}\\.\\d+\\*/\\)`, "g");
  const store = new RegExp(`storePointer\\(f\\.stack, ${offset}, (t\\d+) /\\*${variable}\\.\\d+\\*/\\)`, "g");
  return text
    .replace(load, variable)
    .replace(
      store,
      (_, value: string) => `(${variable} = typeof ${value} === "bigint" ? keptPointer(${value}) : ${value})`,
    );
}
