import {
  HidesetInterner,
  intersectHidesets,
  type Macro,
  type MacroErrorSink,
  markExpansion,
  paste,
  stringize,
} from "./macros";
import { type Expansion, isPunct, type Token } from "./token";

/** Macro calls nested in macro arguments, at most: deeper input is reported, not expanded. */
const MAX_EXPANSION_DEPTH = 200;

/**
 * Macro expansions one translation unit may make. A real program, the kernel's whole vmlinux.h
 * included, makes far fewer; a macro defined as two copies of the one before makes 2^n, and
 * expanding it to the end would take hours and all memory (clang itself runs out).
 */
export const MAX_MACRO_EXPANSIONS = 1_000_000;

/**
 * Tokens macro expansion may make in one translation unit (copies of macro bodies with their
 * arguments in): a function-like macro that doubles its argument, nested, makes 2^n.
 */
export const MAX_EXPANDED_TOKENS = 2_000_000;

/** Thrown when expansion passes its budget; the preprocessor reports it at the macro's use. */
export class ExpansionBudgetExceeded {
  constructor(
    readonly site: Token,
    readonly message: string,
  ) {}
}

/** Built-in macros whose value depends on where they are used (`__LINE__`, `__FILE__`, `__COUNTER__`). */
export type DynamicMacro = (site: Token) => Token;

/**
 * A stack of token frames that macro expansion pushes onto: reading takes the top frame's next
 * token and drops frames that are used up. Files push a frame ending in an `eof` token, which
 * is never dropped implicitly so the reader sees where each file ends.
 */
export class TokenReader {
  private readonly frames: { tokens: readonly Token[]; pos: number }[] = [];

  push(tokens: readonly Token[]): void {
    if (tokens.length > 0) this.frames.push({ tokens, pos: 0 });
  }

  /** The next token, or undefined when everything is read. */
  next(): Token | undefined {
    for (;;) {
      const top = this.frames[this.frames.length - 1];
      if (!top) return undefined;
      if (top.pos < top.tokens.length) return top.tokens[top.pos++];
      this.frames.pop();
    }
  }

  peek(): Token | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i];
      if (frame.pos < frame.tokens.length) return frame.tokens[frame.pos];
    }
    return undefined;
  }

  /** Drops the frame of a file whose `eof` was just read. */
  popFrame(): void {
    this.frames.pop();
  }

  get depth(): number {
    return this.frames.length;
  }
}

/** Expands macros with Prosser's hide-set algorithm (the one the C standard's examples follow). */
export class MacroExpander {
  constructor(
    readonly macros: Map<string, Macro>,
    readonly dynamic: ReadonlyMap<string, DynamicMacro>,
    private readonly report: MacroErrorSink,
  ) {}

  /**
   * If `token` names a macro that may expand here, pushes its expansion onto `reader` and
   * returns true; otherwise returns false and the caller keeps the token.
   */
  tryExpand(token: Token, reader: TokenReader): boolean {
    if (token.kind !== "ident" || token.hideset?.has(token.text)) return false;
    if (this.expansions >= MAX_MACRO_EXPANSIONS && this.macros.has(token.text))
      throw new ExpansionBudgetExceeded(
        token,
        `macro expansion stopped after ${MAX_MACRO_EXPANSIONS.toLocaleString("en")} expansions`,
      );
    const dynamicMacro = this.dynamic.get(token.text);
    if (dynamicMacro) {
      reader.push([{ ...dynamicMacro(token), hideset: token.hideset }]);
      return true;
    }
    const macro = this.macros.get(token.text);
    if (!macro) return false;
    this.expansions++;
    if (!macro.functionLike) {
      const body = this.counted(this.substitute(macro, [], token), token);
      // Prosser: the expansion of an object-like macro is hidden from the macro and from
      // every macro the invoking token was already hidden from.
      const hideset = this.hidesets.add(token.hideset, macro.name);
      reader.push(
        markExpansion(body, new Set(), this.origin(token, token.end), hideset, token, this.hidesets),
      );
      return true;
    }
    const open = reader.peek();
    if (!open || !isPunct(open, "(")) return false;
    reader.next();
    const args = this.readArguments(macro, token, reader);
    if (!args) return true;
    const hideset = this.hidesets.add(intersectHidesets(token.hideset, args.close.hideset), macro.name);
    const body = this.counted(this.substitute(macro, args.values, token), token);
    reader.push(
      markExpansion(
        body,
        new Set(args.values.flat()),
        this.origin(token, args.close.end),
        hideset,
        token,
        this.hidesets,
      ),
    );
    return true;
  }

  /** Counts the tokens of an expansion against MAX_EXPANDED_TOKENS. */
  private counted(body: Token[], site: Token): Token[] {
    this.expandedTokens += body.length;
    if (this.expandedTokens > MAX_EXPANDED_TOKENS)
      throw new ExpansionBudgetExceeded(
        site,
        `macro expansion stopped after making ${MAX_EXPANDED_TOKENS.toLocaleString("en")} tokens`,
      );
    return body;
  }

  private expandedTokens = 0;
  private depth = 0;
  private readonly hidesets = new HidesetInterner();
  /** Macro expansions made so far in this translation unit. */
  private expansions = 0;

  /** Fully expands a token list on its own (macro arguments, `#if` lines). */
  expandAll(tokens: readonly Token[]): Token[] {
    if (this.depth >= MAX_EXPANSION_DEPTH) {
      // Reported once at the first token; the argument is dropped so the rescans above stay cheap.
      if (tokens[0]) this.report(tokens[0], "macro arguments nested too deeply");
      return [];
    }
    this.depth++;
    try {
      return this.expandAllAtDepth(tokens);
    } finally {
      this.depth--;
    }
  }

  private expandAllAtDepth(tokens: readonly Token[]): Token[] {
    const reader = new TokenReader();
    reader.push(tokens);
    const out: Token[] = [];
    for (let t = reader.next(); t; t = reader.next()) {
      if (!this.tryExpand(t, reader)) out.push(t);
    }
    return out;
  }

  private origin(site: Token, end: number): Expansion {
    return site.expansion ?? { macro: site.text, file: site.file, start: site.start, end };
  }

  private readArguments(
    macro: Macro,
    site: Token,
    reader: TokenReader,
  ): { values: Token[][]; close: Token } | null {
    const values: Token[][] = [[]];
    let depth = 0;
    for (;;) {
      const t = reader.next();
      if (!t || t.kind === "eof") {
        this.report(site, "unterminated function-like macro invocation");
        if (t) reader.push([t]);
        return null;
      }
      if (depth === 0 && isPunct(t, ")")) {
        return this.checkArgumentCount(macro, site, values) ? { values, close: t } : null;
      }
      const isVariadicPart = macro.variadic && values.length === macro.params.length;
      if (depth === 0 && isPunct(t, ",") && !isVariadicPart) {
        values.push([]);
        continue;
      }
      if (isPunct(t, "(")) depth++;
      else if (isPunct(t, ")")) depth--;
      values[values.length - 1].push(t);
    }
  }

  private checkArgumentCount(macro: Macro, site: Token, values: Token[][]): boolean {
    const expected = macro.params.length;
    // `F()` passes one empty argument: right for a one-parameter macro, none for a zero-parameter one.
    if (expected === 0 && values.length === 1 && values[0].length === 0) values.pop();
    if (macro.variadic && values.length === expected - 1) values.push([]);
    if (values.length < expected) {
      this.report(site, "too few arguments provided to function-like macro invocation");
      return false;
    }
    if (values.length > expected) {
      this.report(site, "too many arguments provided to function-like macro invocation");
      return false;
    }
    return true;
  }

  /** Replaces parameters in the body: `#p` stringizes, `a ## b` pastes, other uses expand the argument first. */
  private substitute(macro: Macro, args: readonly Token[][], site: Token): Token[] {
    const body = macro.body;
    const paramIndex = (t: Token | undefined) =>
      t && t.kind === "ident" ? macro.params.indexOf(t.text) : -1;
    const expandedCache = new Map<number, Token[]>();
    const expanded = (i: number) => {
      let value = expandedCache.get(i);
      if (!value) {
        value = this.expandAll(args[i]);
        expandedCache.set(i, value);
      }
      return value;
    };
    const out: Token[] = [];
    for (let i = 0; i < body.length; i++) {
      const t = body[i];
      if (macro.functionLike && isPunct(t, "#") && paramIndex(body[i + 1]) >= 0) {
        out.push(stringize(t, args[paramIndex(body[i + 1])]));
        i++;
        continue;
      }
      if (isPunct(t, "##") && i + 1 < body.length) {
        i++;
        const rightParam = paramIndex(body[i]);
        const right = rightParam >= 0 ? args[rightParam] : [body[i]];
        this.pasteInto(out, right, macro, rightParam, site);
        continue;
      }
      const param = paramIndex(t);
      if (param >= 0) {
        const nextIsPaste = isPunct(body[i + 1] ?? t, "##") && i + 1 < body.length;
        append(out, nextIsPaste ? args[param] : expanded(param));
        continue;
      }
      out.push(t);
    }
    return out;
  }

  private pasteInto(
    out: Token[],
    right: readonly Token[],
    macro: Macro,
    rightParam: number,
    site: Token,
  ): void {
    const isVaArgs = macro.variadic && rightParam === macro.params.length - 1;
    const left = out[out.length - 1];
    // GNU: `, ## __VA_ARGS__` drops the comma when there are no variadic arguments.
    if (isVaArgs && left && isPunct(left, ",")) {
      if (right.length === 0) out.pop();
      else append(out, right);
      return;
    }
    if (right.length === 0) return;
    if (!left) {
      append(out, right);
      return;
    }
    out[out.length - 1] = paste(left, right[0], (_, message) => this.report(site, message));
    append(out, right.slice(1));
  }
}

/** Appends in a loop: an argument can be longer than a spread (`push(...list)`) may be. */
function append(out: Token[], list: readonly Token[]): void {
  for (const token of list) out.push(token);
}
