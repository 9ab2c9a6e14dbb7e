import type { Diagnostic, DiagnosticNote } from "../diagnostics/diagnostic";
import { isPunct, type Token, userSpan } from "../preprocess/token";
import type { SourceFile, Span } from "../source/source-file";
import type { CompoundStmt, Declarator, TypeName } from "./ast";

export const keywords = new Set([
  "auto",
  "break",
  "case",
  "char",
  "const",
  "continue",
  "default",
  "do",
  "double",
  "else",
  "enum",
  "extern",
  "float",
  "for",
  "goto",
  "if",
  "inline",
  "int",
  "long",
  "register",
  "restrict",
  "return",
  "short",
  "signed",
  "sizeof",
  "static",
  "struct",
  "switch",
  "typedef",
  "union",
  "unsigned",
  "void",
  "volatile",
  "while",
  "_Alignas",
  "_Alignof",
  "_Bool",
  "_Static_assert",
  "_Noreturn",
  "_Thread_local",
  "_Atomic",
  "_Generic",
  "__attribute__",
  "__attribute",
  "typeof",
  "__typeof__",
  "__typeof",
  "asm",
  "__asm__",
  "__asm",
  "__inline",
  "__inline__",
  "__restrict",
  "__restrict__",
  "__volatile__",
  "__const",
  "__const__",
  "__signed__",
  "__signed",
  "__extension__",
  "__alignof__",
  "__alignof",
  "__builtin_offsetof",
  "__int128",
]);

/** clang's -fbracket-depth default. */
export const MAX_NESTING = 256;

/** Spellings clang accepts for the same keyword. */
export const keywordAliases: Readonly<Record<string, string>> = {
  __attribute: "__attribute__",
  __typeof__: "typeof",
  __typeof: "typeof",
  __asm__: "asm",
  __asm: "asm",
  __inline: "inline",
  __inline__: "inline",
  __restrict: "restrict",
  __restrict__: "restrict",
  __volatile__: "volatile",
  __const: "const",
  __const__: "const",
  __signed__: "signed",
  __signed: "signed",
  __alignof__: "_Alignof",
  __alignof: "_Alignof",
};

/**
 * The grammar rules that the expression and declaration parsers reach back into (a cast holds a
 * type name, a statement expression and a function body hold compound statements). ParserState
 * reaches them through this table, filled in by parser.ts, so the parser's files import the
 * table, not each other in a cycle.
 */
export interface NestedRules {
  isTypeNameStart(p: ParserState, t: Token): boolean;
  typeName(p: ParserState): TypeName;
  /** A declarator; with `abstract`, its name may be missing (type names, parameters). */
  declarator(p: ParserState, abstract: boolean): Declarator;
  compoundStatement(p: ParserState, newScope?: boolean): CompoundStmt;
}

/** The parser's cursor over the preprocessed tokens, its diagnostics and its scopes of typedef names. */
export class ParserState {
  pos = 0;
  /** How deeply expressions, statements and declarators nest right now. */
  depth = 0;
  /** Set once the nesting limit is hit: parsing stops, the error is reported once. */
  tooDeep = false;
  private nextId = 0;
  readonly diagnostics: Diagnostic[] = [];
  /** Per scope: whether each name declared there is a typedef (true) or an ordinary identifier. */
  private readonly scopes: Map<string, boolean>[] = [new Map()];
  private lastErrorOffset = -1;

  constructor(
    readonly tokens: readonly Token[],
    private readonly rules: NestedRules,
  ) {}

  /** Whether `t` starts a type name (a cast, sizeof or typeof), not an expression. */
  isTypeNameStart(t: Token): boolean {
    return this.rules.isTypeNameStart(this, t);
  }

  typeName(): TypeName {
    return this.rules.typeName(this);
  }

  declarator(abstract: boolean): Declarator {
    return this.rules.declarator(this, abstract);
  }

  compoundStatement(newScope = true): CompoundStmt {
    return this.rules.compoundStatement(this, newScope);
  }

  id(): number {
    return this.nextId++;
  }

  get nodeCount(): number {
    return this.nextId;
  }

  /** The current token; once the nesting limit is hit, the end of input, so every loop stops. */
  get token(): Token {
    return this.tooDeep ? this.tokens[this.tokens.length - 1] : this.tokens[this.pos];
  }

  peek(offset = 1): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  get previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)];
  }

  atEnd(): boolean {
    return this.token.kind === "eof";
  }

  /**
   * Runs a recursive parse step with clang's nesting limit, so a pathological input such as
   * ten thousand '(' gets "bracket nesting level exceeded maximum of 256" instead of a stack
   * overflow. Past the limit, `fallback` stands in for the result.
   */
  nested<T>(step: () => T, fallback: () => T): T {
    if (this.depth >= MAX_NESTING) {
      if (!this.tooDeep) this.error(`bracket nesting level exceeded maximum of ${MAX_NESTING}`);
      this.tooDeep = true;
      return fallback();
    }
    this.depth++;
    try {
      return step();
    } finally {
      this.depth--;
    }
  }

  advance(): Token {
    const t = this.token;
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  /** The token's text, with keyword aliases (`__inline__`) mapped to the keyword. */
  keyword(t: Token = this.token): string | null {
    if (t.kind !== "ident" || !keywords.has(t.text)) return null;
    return keywordAliases[t.text] ?? t.text;
  }

  is(text: string, t: Token = this.token): boolean {
    if (t.kind === "punct") return t.text === text;
    return t.kind === "ident" && this.keyword(t) === text;
  }

  eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.advance();
    return true;
  }

  isIdentifier(t: Token = this.token): boolean {
    return t.kind === "ident" && !keywords.has(t.text);
  }

  // ------------------------------------------------------------ typedef scopes

  pushScope(): void {
    this.scopes.push(new Map());
  }

  popScope(): void {
    this.scopes.pop();
  }

  declareName(name: string, isTypedef: boolean): void {
    this.scopes[this.scopes.length - 1].set(name, isTypedef);
  }

  /** Whether any declaration the parser has seen names `name` (a typedef or an ordinary identifier). */
  isKnownName(name: string): boolean {
    return this.scopes.some((scope) => scope.has(name));
  }

  isTypedefName(name: string): boolean {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const entry = this.scopes[i].get(name);
      if (entry !== undefined) return entry;
    }
    return false;
  }

  // ------------------------------------------------------------ spans

  spanOf(t: Token): Span {
    return userSpan(t);
  }

  /** From the start of `first` to the end of the previous token, in `first`'s file. */
  spanFrom(first: Token): Span {
    const start = userSpan(first);
    const end = userSpan(this.previous);
    if (end.file !== start.file || end.end < start.start) return start;
    return { file: start.file, start: start.start, end: end.end };
  }

  // ------------------------------------------------------------ diagnostics

  errorAt(span: Span, message: string, notes: DiagnosticNote[] = []): void {
    // One error per position: a second message at the same place is a consequence of the first.
    if (span.start === this.lastErrorOffset) return;
    this.lastErrorOffset = span.start;
    this.diagnostics.push(diagnostic(span, span, message, "error", notes));
  }

  warningAt(span: Span, message: string): void {
    this.diagnostics.push(diagnostic(span, span, message, "warning", []));
  }

  error(message: string, t: Token = this.token): void {
    this.errorAt(userSpan(t), message);
  }

  noteAt(t: Token, message: string): DiagnosticNote {
    const span = userSpan(t);
    const { line, column } = span.file.position(span.start);
    return { file: span.file.name, line, column, message };
  }

  /**
   * Where clang puts "expected X after Y": just past the previous token when that token is the
   * user's text or ends a macro expansion; otherwise at the current token.
   */
  missingTokenSpan(): Span {
    const prev = this.previous;
    if (this.pos > 0 && (!prev.fromMacro || prev.endsExpansion)) {
      const span = userSpan(prev);
      return { file: span.file, start: span.end, end: span.end };
    }
    return userSpan(this.token);
  }

  /** Consumes `;` or reports `message` and carries on as if it were there (clang's recovery). */
  expectSemicolon(message: string): void {
    if (this.eat(";")) return;
    const span = this.missingTokenSpan();
    this.errorAt(span, message);
  }

  /**
   * For declarations and jump statements clang reports a missing `;` and then skips to the
   * next `;` (or to the `}` that ends the block), so the rest of that line reports nothing.
   */
  expectSemicolonOrSkip(message: string): void {
    if (this.eat(";")) return;
    this.errorAt(this.missingTokenSpan(), message);
    this.skipToStatementEnd();
  }

  warnMissingSemicolon(message: string): void {
    if (this.eat(";")) return;
    this.warningAt(this.missingTokenSpan(), message);
  }

  /** Consumes a closing bracket, or reports it with a note at the opening one. */
  expectClosing(close: string, open: Token): boolean {
    if (this.eat(close)) return true;
    this.errorAt(this.missingTokenSpan(), `expected '${close}'`, [
      this.noteAt(open, `to match this '${open.text}'`),
    ]);
    return false;
  }

  expect(text: string, message = `expected '${text}'`): boolean {
    if (this.eat(text)) return true;
    this.errorAt(this.missingTokenSpan(), message);
    return false;
  }

  /** Skips to just past the next `;` at this nesting level, or to a `}` that closes it. */
  skipToStatementEnd(): void {
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.token;
      if (isPunct(t, "{") || isPunct(t, "(") || isPunct(t, "[")) depth++;
      else if (isPunct(t, ")") || isPunct(t, "]")) depth = Math.max(0, depth - 1);
      else if (isPunct(t, "}")) {
        if (depth === 0) return;
        depth--;
      } else if (isPunct(t, ";") && depth === 0) {
        this.advance();
        return;
      }
      this.advance();
    }
  }
}

function diagnostic(
  span: Span,
  endSpan: Span,
  message: string,
  severity: "error" | "warning",
  notes: DiagnosticNote[],
): Diagnostic {
  const from = span.file.position(span.start);
  const to = endSpan.file.position(endSpan.end);
  return {
    file: fileName(span.file),
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: Math.max(to.column, from.line === to.line ? from.column + 1 : to.column),
    severity,
    stage: "parse",
    message,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

function fileName(file: SourceFile): string {
  return file.name;
}
