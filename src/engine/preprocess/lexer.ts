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

const identStart = /[A-Za-z_$]/;
const identPart = /[A-Za-z0-9_$]/;

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
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

    const prefixed = /^(u8|u|U|L)?(["'])/.exec(text.slice(i, i + 3));
    if (prefixed && (prefixed[1] === undefined || !identPart.test(text[i - 1] ?? ""))) {
      const quote = prefixed[2];
      const end = scanQuoted(text, i + prefixed[0].length, quote);
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
    if (identStart.test(c)) {
      let end = i + 1;
      while (end < text.length && identPart.test(text[end])) end++;
      push("ident", end);
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(text[i + 1] ?? ""))) {
      push("number", scanPpNumber(text, i));
      continue;
    }
    const punct = punctuators.find((p) => text.startsWith(p, i));
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
    else if (identPart.test(c) || c === ".") i++;
    else break;
  }
  return i;
}
