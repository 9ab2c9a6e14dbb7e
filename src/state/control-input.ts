import type { MapSummary } from "../engine";

/**
 * What a person types for a map's key or value, turned into the bytes a control-plane action
 * carries (hex, as `bpftool map update ... key hex ...` takes them): an integer, written
 * little-endian in the key's or value's size; `field=value` pairs for a struct (fields not
 * named are zero); or the bytes themselves in hex, as many as the size.
 */
export type Parsed =
  | { readonly ok: true; readonly hex: string }
  | { readonly ok: false; readonly error: string };

/** An integer, decimal or 0x-hex, possibly negative, as `size` little-endian bytes. */
function integerBytes(text: string, size: number): Parsed | null {
  if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(text)) return null;
  const negative = text.startsWith("-");
  const magnitude = BigInt(negative ? text.slice(1) : text);
  const bits = BigInt(size * 8);
  const limit = 1n << bits;
  if (magnitude >= limit || (negative && magnitude > limit / 2n))
    return { ok: false, error: `${text} does not fit in ${size} byte${size === 1 ? "" : "s"}` };
  const value = BigInt.asUintN(size * 8, negative ? -magnitude : magnitude);
  let hex = "";
  for (let i = 0n; i < BigInt(size); i++) hex += ((value >> (8n * i)) & 0xffn).toString(16).padStart(2, "0");
  return { ok: true, hex };
}

function rawBytes(text: string, size: number): Parsed | null {
  const hex = text.replace(/\s+/g, "").toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== size * 2) return null;
  return { ok: true, hex };
}

function structBytes(text: string, size: number, fields: MapSummary["valueFields"]): Parsed | null {
  if (!text.includes("=") || !fields) return null;
  const bytes = new Array<string>(size).fill("00");
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split("=").map((s) => s.trim());
    const field = fields.find((f) => f.name === name);
    if (!field)
      return { ok: false, error: `no field '${name}' (fields: ${fields.map((f) => f.name).join(", ")})` };
    const encoded = integerBytes(value ?? "", field.size);
    if (!encoded) return { ok: false, error: `${name}: '${value}' is not an integer` };
    if (!encoded.ok) return { ok: false, error: `${name}: ${encoded.error}` };
    encoded.hex.match(/../g)?.forEach((byte, i) => {
      bytes[field.offset + i] = byte;
    });
  }
  return { ok: true, hex: bytes.join("") };
}

function parse(text: string, size: number, fields: MapSummary["valueFields"], what: "key" | "value"): Parsed {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: `type the ${what}` };
  const isStruct = Boolean(fields && !(fields.length === 1 && fields[0]?.name === ""));
  const attempts = [
    isStruct ? structBytes(trimmed, size, fields) : null,
    size <= 8 ? integerBytes(trimmed, size) : null,
    rawBytes(trimmed, size),
  ];
  const found = attempts.find((a) => a !== null);
  if (found) return found;
  const forms = [
    size <= 8 ? "an integer" : null,
    isStruct ? "field=value pairs" : null,
    `${size * 2} hex digits`,
  ].filter(Boolean);
  return { ok: false, error: `the ${what} is ${size} bytes: give ${forms.join(", or ")}` };
}

export function parseKeyInput(map: MapSummary, text: string): Parsed {
  if (map.typeName === "lpm_trie") {
    const prefix = prefixBytes(text.trim(), map.keySize - 4);
    if (prefix) return prefix;
  }
  return parse(text, map.keySize, map.keyFields, "key");
}

/**
 * An LPM trie key typed as its prefix, `10.1.0.0/16` (IPv4 for 4 data bytes): the prefix length
 * as a little-endian u32, then the address's bytes. Null for text of another form.
 */
function prefixBytes(text: string, dataSize: number): Parsed | null {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text);
  if (!match || dataSize !== 4) return null;
  const octets = match.slice(1, 5).map(Number);
  const length = Number(match[5]);
  if (octets.some((o) => o > 255)) return { ok: false, error: `${text}: an address's parts are 0 to 255` };
  if (length > 32) return { ok: false, error: `${text}: an IPv4 prefix is at most 32 bits` };
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  return { ok: true, hex: [length, 0, 0, 0, ...octets].map(hex).join("") };
}

export function parseValueInput(map: MapSummary, text: string): Parsed {
  return parse(text, map.valueSize, map.valueFields, "value");
}
