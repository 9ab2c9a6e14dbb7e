/**
 * C's character and string literals as the BPF target stores them: escapes (simple, octal, hex)
 * decoded once here for the preprocessor's `#if` and the parser alike; text outside escapes as
 * UTF-8 bytes, as clang stores a source file's characters.
 */

/** `\n`, `\t` … and GNU's `\e`, by the letter after the backslash. */
const simpleEscapes: Readonly<Record<string, number>> = {
  n: 10,
  t: 9,
  r: 13,
  "\\": 92,
  "'": 39,
  '"': 34,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  e: 27,
  "?": 63,
};

/** The byte an escape starting at `body[at]` (just after its backslash) stands for, and where it ends. */
function escape(body: string, at: number): { readonly byte: number; readonly end: number } {
  const first = body[at] ?? "";
  let end = at + 1;
  if (first === "x") {
    while (/[0-9a-fA-F]/.test(body[end] ?? "")) end++;
    return { byte: Number.parseInt(body.slice(at + 1, end) || "0", 16) & 0xff, end };
  }
  if (/[0-7]/.test(first)) {
    while (end < at + 3 && /[0-7]/.test(body[end] ?? "")) end++;
    return { byte: Number.parseInt(body.slice(at, end), 8) & 0xff, end };
  }
  // A lone backslash at the end of a (broken) literal stands for nothing: 0.
  return { byte: simpleEscapes[first] ?? (first.charCodeAt(0) || 0), end };
}

/** The bytes of a string literal's body (between its quotes). */
export function decodeStringBody(body: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length; ) {
    if (body[i] === "\\") {
      const { byte, end } = escape(body, i + 1);
      out.push(byte);
      i = end;
      continue;
    }
    const code = body.codePointAt(i) ?? 0;
    out.push(...utf8(code));
    i += code > 0xffff ? 2 : 1;
  }
  return out;
}

/** The value of a character constant like 'a', '\n' or '\x41' (its first byte). */
export function charValue(text: string): number {
  const body = text.slice(text.indexOf("'") + 1, -1);
  if (body[0] !== "\\") return body.charCodeAt(0) || 0;
  return escape(body, 1).byte;
}

/** The UTF-8 bytes of one code point. */
function utf8(code: number): number[] {
  if (code < 0x80) return [code];
  if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 63)];
  if (code < 0x10000) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
  return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
}
