import { EINVAL } from "../target/errno";
import { BPF_TRACE_PRINTK_SIZE } from "../target/kernel";

/** How a `%s` or `%pI4`-style argument's memory is read: the bytes at the pointer, or null if unreadable. */
export type MemoryReader = (pointer: bigint, length: number) => Uint8Array | null;

export type PrintkResult =
  | { readonly ok: true; readonly message: string; readonly returned: number }
  | { readonly ok: false; readonly returned: number; readonly reason: string };

interface Spec {
  flags: string;
  width: number;
  /** 0 for int, 1 for `l`, 2 for `ll`. */
  longs: number;
  conversion: string;
  /** For `%p`: the extension letters (`x`, `K`, `i4`, `I6` …). */
  extension: string;
}

/**
 * Formats a bpf_trace_printk / bpf_trace_vprintk message as the kernel does: the format is
 * checked by `bpf_bprintf_prepare` (kernel/bpf/helpers.c), which accepts `%d %i %u %x %X`
 * with `l`/`ll`, `%c`, `%s`, `%%`, `%p` and its extensions, the flags `0 + - space` and a
 * width - and nothing else: any other conversion, a precision, or more conversions than
 * arguments makes the helper return -EINVAL and print nothing.
 */
export function formatPrintk(
  format: string,
  args: readonly (number | bigint)[],
  read: MemoryReader,
): PrintkResult {
  return formatParsed(parseFormat(format), args, read);
}

/** `formatPrintk` with the format already checked and split (a call site's literal format, say). */
export function formatParsed(
  parsed: ParsedFormat,
  args: readonly (number | bigint)[],
  read: MemoryReader,
): PrintkResult {
  if (!parsed.ok) return parsed;
  const last = parsed.last;
  if (last !== undefined && sameArguments(last.args, args)) return last.result;
  const result = formatChecked(parsed, args, read);
  // Only integers and characters: the text is a function of the arguments alone.
  if (parsed.specs.every((spec) => "diuxXc".includes(spec.conversion)))
    parsed.last = { args: args.slice(), result };
  return result;
}

function sameArguments(a: readonly (number | bigint)[], b: readonly (number | bigint)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function formatChecked(
  parsed: Extract<ParsedFormat, { ok: true }>,
  args: readonly (number | bigint)[],
  read: MemoryReader,
): PrintkResult {
  const { pieces, specs } = parsed;
  if (specs.length > args.length) {
    return {
      ok: false,
      returned: -EINVAL,
      reason: `the format has ${specs.length} conversions but only ${args.length} arguments`,
    };
  }
  let out = pieces[0];
  for (let n = 0; n < specs.length; n++) {
    out += convert(specs[n], args[n], read) + pieces[n + 1];
  }
  // snprintf into a 1024-byte buffer: the text is cut, the return value is the full length.
  return { ok: true, message: out.slice(0, BPF_TRACE_PRINTK_SIZE - 1), returned: out.length };
}

/** A checked format: the literal text around each conversion (`%%` already made `%`), and the conversions. */
export type ParsedFormat =
  | {
      readonly ok: true;
      readonly pieces: readonly string[];
      readonly specs: readonly Spec[];
      /**
       * The last arguments formatted and their result, when the format's text depends on its
       * arguments alone: a program printing the same line for a million packets formats it once.
       */
      last?: { readonly args: readonly (number | bigint)[]; readonly result: PrintkResult };
    }
  | { readonly ok: false; readonly returned: number; readonly reason: string };

/** Programs print the same few formats millions of times; each is checked and split once. */
const parsedFormats = new Map<string, ParsedFormat>();
const MAX_CACHED_FORMATS = 4096;

export function parseFormat(format: string): ParsedFormat {
  let parsed = parsedFormats.get(format);
  if (!parsed) {
    parsed = checkAndSplit(format);
    if (parsedFormats.size >= MAX_CACHED_FORMATS) parsedFormats.clear();
    parsedFormats.set(format, parsed);
  }
  return parsed;
}

function checkAndSplit(format: string): ParsedFormat {
  // bpf_bprintf_prepare: every character must be printable ASCII or white space.
  const unprintable = [...format].find((ch) => !/^[\x20-\x7e\t\n\v\f\r]$/.test(ch));
  if (unprintable !== undefined) {
    return {
      ok: false,
      returned: -EINVAL,
      reason: `the format holds a character the kernel refuses (U+${unprintable.codePointAt(0)?.toString(16).padStart(4, "0")})`,
    };
  }
  const pieces: string[] = [];
  const specs: Spec[] = [];
  let last = 0;
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") continue;
    if (format[i + 1] === "%") {
      i++;
      continue;
    }
    const parsed = parseSpec(format, i + 1);
    if (typeof parsed === "string") return { ok: false, returned: -EINVAL, reason: parsed };
    pieces.push(format.slice(last, i).replace(/%%/g, "%"));
    specs.push(parsed.spec);
    last = parsed.end;
    i = parsed.end - 1;
  }
  pieces.push(format.slice(last).replace(/%%/g, "%"));
  return { ok: true, pieces, specs };
}

function parseSpec(format: string, from: number): { spec: Spec; end: number } | string {
  let i = from;
  let flags = "";
  while ("0+- ".includes(format[i] ?? "x") && i < format.length) flags += format[i++];
  let width = 0;
  while (format[i] >= "0" && format[i] <= "9") width = width * 10 + Number(format[i++]);
  if (format[i] === ".") return "a precision (%.N) is not accepted";
  if (format[i] === "p") {
    const rest = format.slice(i + 1);
    const extension = /^(x|K|ks|us|S|s|B|i4|I4|i6|I6)/.exec(rest)?.[0] ?? "";
    // vsprintf skips every letter and digit after an address's extension, so `%pI6c` prints no
    // `c` (and is not compressed: the kernel hands vsprintf the copied bytes) [E] 6.18.
    const skipped = /^[iI][46]/.test(extension) ? (/^[A-Za-z0-9]*/.exec(rest.slice(2))?.[0].length ?? 0) : 0;
    return {
      spec: { flags, width, longs: 0, conversion: "p", extension },
      end: i + 1 + extension.length + skipped,
    };
  }
  if (format[i] === "s" || format[i] === "c")
    return { spec: { flags, width, longs: 0, conversion: format[i], extension: "" }, end: i + 1 };
  let longs = 0;
  while (format[i] === "l" && longs < 2) {
    longs++;
    i++;
  }
  const conversion = format[i];
  if (conversion === undefined || !"diuxX".includes(conversion))
    return `'%${format.slice(from, i + 1)}' is not a conversion the kernel accepts`;
  return { spec: { flags, width, longs, conversion, extension: "" }, end: i + 1 };
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  if (text.length >= spec.width) return text;
  if (spec.flags.includes("-")) return text.padEnd(spec.width, " ");
  if (numeric && spec.flags.includes("0")) {
    const sign = /^[+\- ]/.test(text) ? text[0] : "";
    return sign + text.slice(sign.length).padStart(spec.width - sign.length, "0");
  }
  return text.padStart(spec.width, " ");
}

/**
 * Without `l`, the kernel passes the low 32 bits of the argument (`(u32)` in bpf_bprintf_prepare).
 * An argument held as a JS number (any C value of up to 32 bits) is formatted without a bigint.
 */
function integer(spec: Spec, raw: number | bigint): string {
  const signed = spec.conversion === "d" || spec.conversion === "i";
  const value = typeof raw === "number" ? smallInteger(spec, raw, signed) : wideInteger(spec, raw, signed);
  let text: string;
  if (spec.conversion === "x") text = value.toString(16);
  else if (spec.conversion === "X") text = value.toString(16).toUpperCase();
  else text = value.toString(10);
  if (signed && value >= 0) {
    if (spec.flags.includes("+")) text = `+${text}`;
    else if (spec.flags.includes(" ")) text = ` ${text}`;
  }
  return pad(text, spec, true);
}

function wideInteger(spec: Spec, raw: bigint, signed: boolean): bigint {
  const bits = spec.longs === 0 ? 32 : 64;
  return signed ? BigInt.asIntN(bits, raw) : BigInt.asUintN(bits, raw);
}

/** A number in [-2^31, 2^32) read at the conversion's width; a negative one as u64 needs a bigint. */
function smallInteger(spec: Spec, raw: number, signed: boolean): number | bigint {
  if (spec.longs === 0) return signed ? raw | 0 : raw >>> 0;
  return signed || raw >= 0 ? raw : BigInt.asUintN(64, BigInt(raw));
}

function convert(spec: Spec, raw: number | bigint, read: MemoryReader): string {
  switch (spec.conversion) {
    case "c":
      return pad(
        String.fromCharCode(typeof raw === "number" ? raw & 0xff : Number(BigInt.asUintN(8, raw))),
        spec,
        false,
      );
    case "s":
      return pad(readCString(BigInt(raw), read), spec, false);
    case "p":
      return pointer(spec, BigInt(raw), read);
    default:
      return integer(spec, raw);
  }
}

/**
 * `%s` reads up to the first NUL (or the end of the buffer's room). A read that faults, at the
 * first byte or later, prints nothing: the kernel copies with strncpy_from_kernel_nofault and
 * prints an empty string when it fails [E] 6.18 (NULL and 16 both print "").
 */
function readCString(pointer: bigint, read: MemoryReader): string {
  let text = "";
  for (let i = 0; i < BPF_TRACE_PRINTK_SIZE; i++) {
    const byte = read(pointer + BigInt(i), 1);
    if (!byte) return "";
    if (byte[0] === 0) return text;
    text += String.fromCharCode(byte[0]);
  }
  return text;
}

function pointer(spec: Spec, raw: bigint, read: MemoryReader): string {
  const address = BigInt.asUintN(64, raw);
  switch (spec.extension) {
    case "i4":
    case "I4": {
      // An address that cannot be read prints as zeros (the kernel zeroes its copy) [E] 6.18.
      const bytes = read(address, 4) ?? new Uint8Array(4);
      return pad(
        [...bytes].map((b) => (spec.extension === "i4" ? String(b).padStart(3, "0") : String(b))).join("."),
        spec,
        false,
      );
    }
    case "i6":
    case "I6": {
      const bytes = read(address, 16) ?? new Uint8Array(16);
      const groups = Array.from({ length: 8 }, (_, g) =>
        ((bytes[2 * g] << 8) | bytes[2 * g + 1]).toString(16).padStart(4, "0"),
      );
      return pad(spec.extension === "i6" ? groups.join("") : groups.join(":"), spec, false);
    }
    default:
      // The kernel prints %p hashed with a per-boot key; Tailscope prints the simulated address.
      return pad(address.toString(16).padStart(16, "0"), spec, false);
  }
}

/**
 * A `trace_pipe` line as kernel-facts.md §4.3 recorded them on 6.18: the comm right-aligned in
 * 16 columns, `-pid` left-aligned in 7, the CPU in three digits, the flags, then seconds
 * (right-aligned in 5) and microseconds.
 */
export function tracePipeLine(
  comm: string,
  pid: number,
  cpu: number,
  flags: string,
  timeNs: bigint,
  message: string,
): string {
  const micros = timeNs / 1000n;
  const seconds = (micros / 1_000_000n).toString().padStart(5, " ");
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0");
  const task = `${comm.slice(0, 16).padStart(16, " ")}-${String(pid).padEnd(7, " ")}`;
  return `${task} [${String(cpu).padStart(3, "0")}] ${flags} ${seconds}.${fraction}: bpf_trace_printk: ${message.replace(/\n$/, "")}`;
}
