/**
 * A small C highlighter for the first screen: the sources show at once, coloured close to
 * Monaco's own C tokenizer, while Monaco (a megabyte) loads. It never fails on any text: what it
 * does not recognise is plain text.
 */
export type TokenKind = "keyword" | "comment" | "string" | "number" | "directive" | "text";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const KEYWORDS = new Set(
  (
    "auto break case char const continue default do double else enum extern float for goto if " +
    "inline int long register restrict return short signed sizeof static struct switch typedef " +
    "union unsigned void volatile while _Bool _Static_assert __attribute__ __always_inline " +
    "__inline __builtin_memset __builtin_memcpy bool true false NULL"
  ).split(" "),
);

/** One token pattern, tried in order at each position (sticky, so no slicing). */
const PATTERNS: readonly [TokenKind | "word", RegExp][] = [
  ["comment", /\/\/.*/y],
  ["comment", /\/\*[\s\S]*?(\*\/|$)/y],
  ["string", /"(\\.|[^"\\])*"?|'(\\.|[^'\\])*'?/y],
  ["number", /(0[xX][0-9a-fA-F]+|\d+(\.\d+)?([eE][+-]?\d+)?)[uUlLfF]*/y],
  ["word", /[A-Za-z_]\w*/y],
  ["text", /\s+|[^\sA-Za-z_0-9"'/]+|\//y],
];

/** Splits a source into lines of tokens. A block comment may span lines. */
export function highlightC(source: string): Token[][] {
  const lines: Token[][] = [];
  let inComment = false;
  for (const line of source.split("\n")) {
    const tokens: Token[] = [];
    let at = 0;
    if (inComment) {
      const end = line.indexOf("*/");
      at = end < 0 ? line.length : end + 2;
      tokens.push({ kind: "comment", text: line.slice(0, at) });
      inComment = end < 0;
    }
    if (!inComment && /^\s*#/.test(line.slice(at))) {
      tokens.push(...directive(line.slice(at)));
      at = line.length;
    }
    while (!inComment && at < line.length) {
      const [kind, text] = nextToken(line, at);
      if (kind === "comment" && text.startsWith("/*") && !text.endsWith("*/")) inComment = true;
      tokens.push({ kind, text });
      at += text.length;
    }
    lines.push(merge(tokens));
  }
  return lines;
}

function nextToken(line: string, at: number): [TokenKind, string] {
  for (const [kind, pattern] of PATTERNS) {
    pattern.lastIndex = at;
    const match = pattern.exec(line);
    if (!match || match[0].length === 0) continue;
    const text = match[0];
    if (kind !== "word") return [kind, text];
    return [KEYWORDS.has(text) ? "keyword" : "text", text];
  }
  return ["text", line[at]];
}

/** `#include <x.h>`: the directive as a keyword, what it names as a string. */
function directive(text: string): Token[] {
  const match = /^(\s*#\s*\w*)(.*)$/.exec(text);
  if (!match) return [{ kind: "directive", text }];
  const [, head, rest] = match;
  const quoted = /^(\s*)([<"][^>"]*[>"]?)(.*)$/.exec(rest);
  if (!/include/.test(head) || !quoted) return [{ kind: "directive", text: head }, ...plain(rest)];
  return [
    { kind: "directive", text: head + quoted[1] },
    { kind: "string", text: quoted[2] },
    ...plain(quoted[3]),
  ];
}

function plain(text: string): Token[] {
  return text ? [{ kind: "text", text }] : [];
}

/** Neighbouring tokens of one kind become one span: fewer elements for the same picture. */
function merge(tokens: Token[]): Token[] {
  const merged: Token[] = [];
  for (const token of tokens) {
    const last = merged[merged.length - 1];
    if (last && last.kind === token.kind)
      merged[merged.length - 1] = { kind: token.kind, text: last.text + token.text };
    else merged.push(token);
  }
  return merged;
}
