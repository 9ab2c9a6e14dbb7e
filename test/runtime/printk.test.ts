// bpf_trace_printk formatting (kernel/bpf/helpers.c bpf_bprintf_prepare); [E] results are from
// kernel-facts.md §4.2, measured on Linux 6.18.
import { describe, expect, it } from "vitest";
import { formatPrintk, tracePipeLine } from "../../src/engine/runtime/printk";
import { EINVAL } from "../../src/engine/target/errno";

const memory = new Map<bigint, number>();
const text = (address: bigint, s: string) =>
  [...`${s}\0`].forEach((ch, i) => memory.set(address + BigInt(i), ch.charCodeAt(0)));
text(0x1000n, "egress2");
[10, 0, 0, 1].forEach((b, i) => memory.set(0x2000n + BigInt(i), b));
const read = (pointer: bigint, length: number) => {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const b = memory.get(pointer + BigInt(i));
    if (b === undefined) return null;
    bytes[i] = b;
  }
  return bytes;
};
const message = (format: string, ...args: bigint[]) => {
  const result = formatPrintk(format, args, read);
  return result.ok ? result.message : `error ${result.returned}`;
};

describe("bpf_trace_printk formatting", () => {
  it("prints the seed's lines", () => {
    expect(message("[egress3] first=%d second=%d", 11n, 11n)).toBe("[egress3] first=11 second=11");
  });

  it("honours width and zero padding [E] and upper-case hex [E]", () => {
    expect(message("%05d|%X|%c", 42n, 255n, 65n)).toBe("00042|FF|A");
  });

  it("uses the low 32 bits without 'l' and all 64 with it", () => {
    expect(message("%d %u %ld %llu", 0xffffffffn, 0x1_0000_0005n, -1n, 0xffff_ffff_ffff_ffffn)).toBe(
      "-1 5 -1 18446744073709551615",
    );
  });

  it("reads strings and addresses from memory", () => {
    expect(message("[%s] %pI4 %pi4", 0x1000n, 0x2000n, 0x2000n)).toBe("[egress2] 10.0.0.1 010.000.000.001");
  });

  it("prints an unreadable string as nothing and an unreadable address as zeros [E]", () => {
    expect(message("[%s|%3s] %pI4 %pi6", 0n, 0x1003n + 100n, 0x9000n, 0n)).toBe(
      "[|   ] 0.0.0.0 00000000000000000000000000000000",
    );
  });

  it("eats the letters and digits after an address's extension, not punctuation [E]", () => {
    expect(message("%pI4c|%pi4x2:%pI4:", 0x2000n, 0x2000n, 0x2000n)).toBe(
      "10.0.0.1|010.000.000.001:10.0.0.1:",
    );
  });

  it("refuses %f, a precision, and more conversions than arguments: -EINVAL, nothing printed [E]", () => {
    expect(message("%f", 1n)).toBe(`error ${-EINVAL}`);
    expect(message("%.2d", 1n)).toBe(`error ${-EINVAL}`);
    expect(message("%d %d", 1n)).toBe(`error ${-EINVAL}`);
    expect(message("caf\u00e9")).toBe(`error ${-EINVAL}`);
  });

  it("returns the message length [E: 26 for a 26-character message]", () => {
    const result = formatPrintk("abcdefghijklmnopqrstuvwxyz", [], read);
    expect(result.ok && result.returned).toBe(26);
    expect(message("100%% sure")).toBe("100% sure");
  });

  it("formats a trace_pipe line like the kernel's [E]", () => {
    expect(tracePipeLine("loader", 6152, 1, "b..11", 5_002_402_411_000n, "[egress1] Calling egress2")).toBe(
      "          loader-6152    [001] b..11  5002.402411: bpf_trace_printk: [egress1] Calling egress2",
    );
  });
});
