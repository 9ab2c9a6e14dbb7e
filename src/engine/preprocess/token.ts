import type { SourceFile, Span } from "../source/source-file";

export type TokenKind = "ident" | "number" | "char" | "string" | "punct" | "eof";

/** Where a macro-body token came from: the outermost macro invocation in the user's text. */
export interface Expansion {
  readonly macro: string;
  readonly file: SourceFile;
  /** Offset of the macro name. */
  readonly start: number;
  /** Offset just past the invocation (after `)` for a function-like macro). */
  readonly end: number;
}

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Where the token is spelled. */
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
  /** First token on its line (directives start with such a `#`). */
  readonly bol: boolean;
  /** Whitespace before the token (matters for `#` stringizing and function-like macro definitions). */
  readonly space: boolean;
  /** Macros that must not expand this token again (Prosser's hide sets). */
  readonly hideset: ReadonlySet<string> | null;
  /** Set for tokens of a macro body: the invocation they stand for. */
  readonly expansion: Expansion | null;
  /** Came from a macro expansion, as body or as argument. */
  readonly fromMacro: boolean;
  /** The last token an expansion produced: clang places "expected ';'" after the invocation then. */
  readonly endsExpansion: boolean;
}

export function makeToken(
  kind: TokenKind,
  text: string,
  file: SourceFile,
  start: number,
  end: number,
  bol: boolean,
  space: boolean,
): Token {
  return {
    kind,
    text,
    file,
    start,
    end,
    bol,
    space,
    hideset: null,
    expansion: null,
    fromMacro: false,
    endsExpansion: false,
  };
}

/** What the user wrote for this token: the macro invocation for macro-body tokens. */
export function userSpan(token: Token): Span {
  if (token.expansion)
    return { file: token.expansion.file, start: token.expansion.start, end: token.expansion.end };
  return { file: token.file, start: token.start, end: token.end };
}

export function isPunct(token: Token, text: string): boolean {
  return token.kind === "punct" && token.text === text;
}
