/**
 * A logpoint typed as bpf_printk's arguments are written: a C string literal, then the
 * expressions, separated by commas that are not inside brackets, strings or characters.
 */
export type ParsedPrintk =
  | { readonly ok: true; readonly format: string; readonly args: string[] }
  | { readonly ok: false; readonly error: string };

export function parsePrintkArguments(text: string): ParsedPrintk {
  const trimmed = text.trim();
  if (!trimmed.startsWith('"'))
    return { ok: false, error: 'start with the format in double quotes, as bpf_printk\'s: "x=%u", x' };
  const literal = readStringLiteral(trimmed);
  if (!literal) return { ok: false, error: "the format's closing quote is missing" };
  const rest = trimmed.slice(literal.end).trim();
  if (rest === "") return { ok: true, format: literal.value, args: [] };
  if (!rest.startsWith(",")) return { ok: false, error: "a comma goes between the format and each argument" };
  const args = splitTopLevel(rest.slice(1));
  const empty = args.findIndex((a) => a.trim() === "");
  if (empty >= 0) return { ok: false, error: `argument ${empty + 1} is empty` };
  return { ok: true, format: literal.value, args: args.map((a) => a.trim()) };
}

/** The literal's text with its escapes read, and where it ends. */
function readStringLiteral(text: string): { value: string; end: number } | null {
  const escapes: Record<string, string> = { n: "\n", t: "\t", '"': '"', "\\": "\\", "'": "'", "0": "\0" };
  let value = "";
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value, end: i + 1 };
    if (c === "\\" && i + 1 < text.length) {
      value += escapes[text[i + 1]] ?? text[i + 1];
      i++;
    } else value += c;
  }
  return null;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A logpoint's format and arguments written back as the user typed them. */
export function printkArgumentsText(format: string, args: readonly string[]): string {
  const quoted = JSON.stringify(format);
  return [quoted, ...args].join(", ");
}
