import type { ValueField } from "../../engine";

/** A field's value from a map value's bytes (hex), little-endian as the BPF target stores it. */
export function decodeField(
  hex: string | undefined,
  { offset, size, signed }: Pick<ValueField, "offset" | "size" | "signed">,
): string {
  if (!hex) return "0";
  let value = 0n;
  for (let i = size - 1; i >= 0; i--) {
    value =
      (value << 8n) | BigInt(Number.parseInt(hex.slice((offset + i) * 2, (offset + i) * 2 + 2) || "0", 16));
  }
  return (signed ? BigInt.asIntN(size * 8, value) : value).toString();
}
