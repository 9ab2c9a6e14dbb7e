/** Little-endian integer access to byte arrays, as the BPF target stores integers. */

export function writeInteger(bytes: Uint8Array, offset: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size * 8, value);
  for (let i = 0; i < size; i++) {
    bytes[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

export function readUnsigned(bytes: Uint8Array, offset: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i]);
  return v;
}

/** Writes `width` bits of `value` starting `bitOffset` bits into the array (LSB-first, as on little-endian). */
export function writeBits(bytes: Uint8Array, bitOffset: number, width: number, value: bigint): void {
  for (let i = 0; i < width; i++) {
    const bit = bitOffset + i;
    const byte = bit >> 3;
    const mask = 1 << (bit & 7);
    if ((value >> BigInt(i)) & 1n) bytes[byte] |= mask;
    else bytes[byte] &= ~mask;
  }
}

/** Two hex digits per byte value, made once: hex strings are built per map write and per report. */
const hexDigits = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += hexDigits[bytes[i]];
  return out;
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
