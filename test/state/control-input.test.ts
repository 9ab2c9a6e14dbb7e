// Keys and values typed into the control-plane form become the bytes `bpftool map update` takes.
import { describe, expect, it } from "vitest";
import type { MapSummary } from "../../src/engine";
import { parseKeyInput, parseValueInput } from "../../src/state/control-input";

const u32 = { name: "", offset: 0, size: 4, signed: false };
const tailContext: MapSummary = {
  name: "tail_context_map",
  typeName: "percpu_array",
  keySize: 4,
  valueSize: 2,
  maxEntries: 1,
  perCpu: true,
  slots: [],
  flags: 0,
  holds: null,
  innerMaps: [],
  keyFields: [u32],
  valueFields: [
    { name: "value_from_1", offset: 0, size: 1, signed: false },
    { name: "value_from_2", offset: 1, size: 1, signed: false },
  ],
};
const flows: MapSummary = {
  ...tailContext,
  name: "flows",
  typeName: "hash",
  keySize: 6,
  valueSize: 8,
  perCpu: false,
  keyFields: [
    { name: "saddr", offset: 0, size: 4, signed: false },
    { name: "port", offset: 4, size: 2, signed: false },
  ],
  valueFields: [{ name: "", offset: 0, size: 8, signed: true }],
};

describe("control-plane input", () => {
  it("writes an integer key little-endian in the key's size", () => {
    expect(parseKeyInput(tailContext, "1")).toEqual({ ok: true, hex: "01000000" });
    expect(parseKeyInput(tailContext, "0x0a0b")).toEqual({ ok: true, hex: "0b0a0000" });
    expect(parseKeyInput(tailContext, "4294967296")).toEqual({
      ok: false,
      error: "4294967296 does not fit in 4 bytes",
    });
  });

  it("takes field=value pairs for a struct, other fields zero", () => {
    expect(parseValueInput(tailContext, "value_from_2=22")).toEqual({ ok: true, hex: "0016" });
    expect(parseKeyInput(flows, "port=53, saddr=0x0100007f")).toEqual({ ok: true, hex: "7f0000013500" });
    expect(parseValueInput(tailContext, "value_from_3=1")).toEqual({
      ok: false,
      error: "no field 'value_from_3' (fields: value_from_1, value_from_2)",
    });
    expect(parseValueInput(tailContext, "value_from_1=256")).toEqual({
      ok: false,
      error: "value_from_1: 256 does not fit in 1 byte",
    });
  });

  it("takes the bytes in hex, and a negative integer in two's complement", () => {
    expect(parseValueInput(tailContext, "0b16")).toEqual({ ok: true, hex: "0b16" });
    expect(parseValueInput(flows, "-1")).toEqual({ ok: true, hex: "ffffffffffffffff" });
  });

  it("says which forms it takes when the text is none of them", () => {
    expect(parseKeyInput(flows, "hello")).toEqual({
      ok: false,
      error: "the key is 6 bytes: give an integer, or field=value pairs, or 12 hex digits",
    });
    expect(parseValueInput(flows, "")).toEqual({ ok: false, error: "type the value" });
  });
});

describe("an LPM trie's key", () => {
  const routes: MapSummary = { ...flows, name: "routes", typeName: "lpm_trie", keySize: 8, keyFields: null };

  it("is typed as its prefix: the length as a u32, then the address", () => {
    expect(parseKeyInput(routes, "10.1.0.0/16")).toEqual({ ok: true, hex: "100000000a010000" });
    expect(parseKeyInput(routes, "0.0.0.0/0")).toEqual({ ok: true, hex: "0000000000000000" });
  });

  it("names what is wrong with a prefix", () => {
    expect(parseKeyInput(routes, "10.1.0.0/33")).toEqual({
      ok: false,
      error: "10.1.0.0/33: an IPv4 prefix is at most 32 bits",
    });
    expect(parseKeyInput(routes, "10.300.0.0/8")).toMatchObject({ ok: false });
  });
});
