import type { Diagnostic } from "../diagnostics/diagnostic";
import { writeInteger } from "../target/bytes";
import kernelConfig from "../target/kernel-config.json" with { type: "json" };
import { type CType, sizeOf } from "../types/ctypes";
import type { TypedProgram, VariableSymbol } from "../types/symbols";
import { loadError } from "./diagnostics";
import type { GlobalVariable } from "./object";

/**
 * `extern … __kconfig` variables, which libbpf fills at load into a frozen, read-only
 * `.kconfig` map: CONFIG_ options from the kernel's build configuration, and its own LINUX_
 * facts (kernel-config.json, generated from this machine's kernel). How a value becomes bytes
 * depends on the variable's type, as in libbpf 1.1 (`set_kcfg_value_*`).
 */
interface KernelConfig {
  readonly virtual: Readonly<Record<string, number>>;
  readonly options: Readonly<Record<string, string>>;
}

function config(): KernelConfig {
  return kernelConfig as unknown as KernelConfig;
}

/** libbpf's classes of kconfig extern types (`find_kcfg_type`). */
type KconfigType = "bool" | "char" | "tristate" | "int" | "char array" | "unsupported";

function kconfigType(type: CType): KconfigType {
  if (type.kind === "int") {
    if (type.name === "_Bool") return "bool";
    return type.size === 1 && type.name.endsWith("char") ? "char" : "int";
  }
  if (type.kind === "enum") return type.info.tag === "libbpf_tristate" ? "tristate" : "unsupported";
  if (type.kind === "array" && kconfigType(type.of) === "char") return "char array";
  return "unsupported";
}

/** The `.kconfig` globals of a program, with libbpf's values; a value libbpf refuses fails the load. */
export function kconfigGlobals(program: TypedProgram, diagnostics: Diagnostic[]): GlobalVariable[] {
  const globals: GlobalVariable[] = [];
  for (const symbol of program.globals) {
    if (symbol.section !== ".kconfig" || !symbol.isExtern) continue;
    // libbpf's words: "extern (kcfg) 'X': …" about a value, "extern 'X' (strong): …" about none.
    const fail = (message: string, explanation: string) =>
      diagnostics.push(
        loadError(
          symbol.span,
          message.startsWith("extern ") ? message : `extern (kcfg) '${symbol.name}': ${message}`,
          explanation,
        ),
      );
    const initial = kconfigBytes(symbol, fail);
    if (initial)
      globals.push({
        name: symbol.name,
        section: ".kconfig",
        type: symbol.type,
        initial,
        zeroInitialised: initial.every((byte) => byte === 0),
        symbol,
        staticLocal: false,
      });
  }
  return globals;
}

type Fail = (message: string, explanation: string) => void;

function kconfigBytes(symbol: VariableSymbol, fail: Fail): Uint8Array | null {
  const type = kconfigType(symbol.type);
  if (type === "unsupported") {
    fail(
      "type is unsupported",
      "libbpf fills a __kconfig extern of an integer type, bool, char, a char array or enum libbpf_tristate.",
    );
    return null;
  }
  const bytes = new Uint8Array(sizeOf(symbol.type));
  const weak = symbol.attributes.some((a) => a.name === "weak" || a.name === "__weak__");
  if (!symbol.name.startsWith("CONFIG_")) {
    const value = config().virtual[symbol.name];
    if (value === undefined) {
      if (weak && symbol.name.startsWith("LINUX_")) return bytes;
      fail(
        "unrecognized virtual extern",
        "Besides CONFIG_ options, libbpf knows LINUX_KERNEL_VERSION, LINUX_HAS_BPF_COOKIE and LINUX_HAS_SYSCALL_WRAPPER.",
      );
      return null;
    }
    return setNumber(symbol, type, bytes, BigInt(value), fail) ? bytes : null;
  }
  const raw = config().options[symbol.name];
  if (raw === undefined) {
    if (weak) return bytes;
    fail(
      `extern '${symbol.name}' (strong): not resolved`,
      `This kernel's configuration does not set ${symbol.name}, so libbpf fails the load. Declare it __weak to read 0 instead.`,
    );
    return null;
  }
  if (raw === "y" || raw === "n" || raw === "m") return setTristate(symbol, type, bytes, raw, fail);
  if (raw.startsWith('"')) return setString(type, bytes, raw, fail);
  const number = parseNumber(raw);
  if (number === null) {
    fail(`failed to parse value '${raw}'`, "libbpf reads numbers in decimal or 0x hexadecimal.");
    return null;
  }
  return setNumber(symbol, type, bytes, number, fail) ? bytes : null;
}

function setTristate(
  symbol: VariableSymbol,
  type: KconfigType,
  bytes: Uint8Array,
  raw: "y" | "n" | "m",
  fail: Fail,
): Uint8Array | null {
  switch (type) {
    case "bool":
      if (raw === "m") {
        fail(
          `value '${raw}' implies tristate or char type`,
          `${symbol.name} is built as a module here: declare it enum libbpf_tristate to tell y from m.`,
        );
        return null;
      }
      bytes[0] = raw === "y" ? 1 : 0;
      return bytes;
    case "tristate":
      writeInteger(bytes, 0, 4, raw === "y" ? 1n : raw === "m" ? 2n : 0n);
      return bytes;
    case "char":
      bytes[0] = raw.charCodeAt(0);
      return bytes;
    default:
      fail(
        `value '${raw}' implies bool, tristate, or char type`,
        `${symbol.name} is a yes/no option: declare it bool, char or enum libbpf_tristate.`,
      );
      return null;
  }
}

function setString(type: KconfigType, bytes: Uint8Array, raw: string, fail: Fail): Uint8Array | null {
  if (type !== "char array") {
    fail(`value '${raw}' implies char array type`, "A string option is read into a char array.");
    return null;
  }
  // The quotes dropped; what does not fit before the terminating NUL is cut off (libbpf warns).
  const text = Uint8Array.from(raw.slice(1, -1), (ch) => ch.charCodeAt(0) & 0xff);
  bytes.set(text.subarray(0, Math.max(0, bytes.length - 1)));
  return bytes;
}

function setNumber(symbol: VariableSymbol, type: KconfigType, bytes: Uint8Array, value: bigint, fail: Fail) {
  if (type !== "int" && type !== "char" && type !== "bool") {
    fail(
      `value '${value}' implies integer, char, or boolean type`,
      `${symbol.name} is a number: declare it as an integer type.`,
    );
    return false;
  }
  if (type === "bool" && value > 1n) {
    fail(`value '${value}' isn't boolean compatible`, `${symbol.name} is a number, not a yes/no option.`);
    return false;
  }
  const bits = BigInt(bytes.length * 8);
  const signed = symbol.type.kind === "int" && symbol.type.signed;
  if (value >= 1n << (signed ? bits - 1n : bits)) {
    fail(
      `value '${value}' doesn't fit in ${bytes.length} bytes`,
      `Declare ${symbol.name} with a wider integer type.`,
    );
    return false;
  }
  writeInteger(bytes, 0, bytes.length, value);
  return true;
}

function parseNumber(raw: string): bigint | null {
  if (/^0x[0-9a-f]+$/i.test(raw) || /^\d+$/.test(raw)) return BigInt(raw);
  return null;
}
