import type { SourceFile } from "../source/source-file";
import { makeToken, type Token } from "./token";

/** A lexical error, reported by the preprocessor as a diagnostic. */
export interface LexError {
  readonly offset: number;
  readonly end: number;
  readonly message: string;
}

// Longest first, so `<<=` wins over `<<` and `<`.
const punctuators = [
  "...",
  "<<=",
  ">>=",
  "->",
  "++",
  "--",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "*=",
  "/=",
  "%=",
  "+=",
  "-=",
  "&=",
  "^=",
  "|=",
  "##",
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
  ".",
  "&",
  "*",
  "+",
  "-",
  "~",
  "!",
  "/",
  "%",
  "<",
  ">",
  "^",
  "|",
  "?",
  ":",
  ";",
  "=",
  ",",
  "#",
];

/** Punctuators by their first character, longest first, so the scan tries few candidates. */
const punctuatorsByFirst = new Map<string, string[]>();
for (const p of punctuators) {
  const list = punctuatorsByFirst.get(p[0]) ?? [];
  list.push(p);
  punctuatorsByFirst.set(p[0], list);
}

function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36;
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

const tokenCache = new WeakMap<SourceFile, { tokens: Token[]; errors: LexError[] }>();

/**
 * Tokenizes a file once: tokens are immutable, so built-in headers (the same SourceFile objects
 * in every build) are lexed only the first time.
 */
export function tokenizeCached(file: SourceFile): { tokens: Token[]; errors: LexError[] } {
  let result = tokenCache.get(file);
  if (!result) {
    result = tokenize(file);
    tokenCache.set(file, result);
  }
  return result;
}

/** Splits one file into preprocessing tokens. Comments and line splices count as whitespace. */
export function tokenize(file: SourceFile): { tokens: Token[]; errors: LexError[] } {
  const text = file.text;
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  let i = 0;
  let bol = true;
  let space = false;

  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      bol = true;
      space = false;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      space = true;
      i++;
      continue;
    }
    if (c === "\\" && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n"))) {
      i += text[i + 1] === "\n" ? 2 : 3;
      space = true;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") {
        // A line comment ending in a backslash continues on the next line.
        if (text[i] === "\\" && text[i + 1] === "\n") i++;
        i++;
      }
      space = true;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) {
        errors.push({ offset: i, end: i + 2, message: "unterminated /* comment" });
        i = text.length;
      } else i = close + 2;
      space = true;
      continue;
    }

    const start = i;
    const push = (kind: Token["kind"], end: number) => {
      tokens.push(makeToken(kind, text.slice(start, end), file, start, end, bol, space));
      bol = false;
      space = false;
      i = end;
    };

    const prefixLength = literalPrefixLength(text, i);
    if (prefixLength >= 0) {
      const quote = text[i + prefixLength];
      const end = scanQuoted(text, i + prefixLength + 1, quote);
      if (end < 0) {
        const lineEnd = text.indexOf("\n", i);
        const stop = lineEnd < 0 ? text.length : lineEnd;
        errors.push({
          offset: i,
          end: stop,
          message: quote === '"' ? "missing terminating '\"' character" : "missing terminating ' character",
        });
        push(quote === '"' ? "string" : "char", stop);
      } else push(quote === '"' ? "string" : "char", end);
      continue;
    }
    if (isIdentStart(text.charCodeAt(i))) {
      let end = i + 1;
      while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
      push("ident", end);
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(text[i + 1] ?? ""))) {
      push("number", scanPpNumber(text, i));
      continue;
    }
    const punct = punctuatorsByFirst.get(c)?.find((p) => text.startsWith(p, i));
    if (punct) {
      push("punct", i + punct.length);
      continue;
    }
    errors.push({ offset: i, end: i + 1, message: `unexpected character '${c}'` });
    i++;
    space = true;
  }
  tokens.push(makeToken("eof", "", file, text.length, text.length, true, false));
  return { tokens, errors };
}

/** Length of a string or character literal's prefix (`u8`, `u`, `U`, `L` or none) at `i`, or -1. */
function literalPrefixLength(text: string, i: number): number {
  const c = text[i];
  if (c === '"' || c === "'") return 0;
  if (i > 0 && isIdentPart(text.charCodeAt(i - 1))) return -1;
  if (c === "u" && text[i + 1] === "8" && text[i + 2] === '"') return 2;
  if ((c === "u" || c === "U" || c === "L") && (text[i + 1] === '"' || text[i + 1] === "'")) return 1;
  return -1;
}

/** Returns the offset after the closing quote, or -1 when the line ends first. */
function scanQuoted(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) return i + 1;
    if (c === "\n") return -1;
    if (c === "\\") i++;
    i++;
  }
  return -1;
}

/** A pp-number: digits, letters, `_`, `.`, and signs after an exponent letter. */
function scanPpNumber(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length) {
    const c = text[i];
    if ((c === "+" || c === "-") && /[eEpP]/.test(text[i - 1])) i++;
    else if (isIdentPart(text.charCodeAt(i)) || c === ".") i++;
    else break;
  }
  return i;
}
