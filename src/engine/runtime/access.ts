import type { Span } from "../source/source-file";
import { type CType, integerOf, sizeOf } from "../types/ctypes";
import { toHex } from "./bytes";
import type { Frame } from "./machine-state";
import type { Pointer, Region } from "./memory";
import { isPointer, RuntimeFault, representation, type Value } from "./values";

/** The pointer a load or store goes through, or a fault in the verifier's words. */
export function requirePointer(value: Value, size: number, span: Span, write: boolean): Pointer {
  if (value === null) {
    throw new RuntimeFault(
      `${write ? "write" : "read"} through a NULL pointer (the verifier refuses this: invalid mem access 'map_value_or_null')`,
      span,
    );
  }
  if (!isPointer(value))
    throw new RuntimeFault(
      `${write ? "write" : "read"} through a value that is not a pointer (invalid mem access 'scalar')`,
      span,
    );
  if (value.offset < 0 || value.offset + size > value.region.size) {
    throw new RuntimeFault(
      `access of ${size} bytes at offset ${value.offset} is outside ${value.region.name} (${value.region.size} bytes)`,
      span,
    );
  }
  return value;
}

/** Reads a value of `type` from memory; context fields that hold packet pointers yield those pointers. */
export function load(frame: Frame, address: Value, type: CType, span: Span): Value {
  const size = sizeOf(type);
  const pointer = requirePointer(address, size, span, false);
  const { region, offset } = pointer;
  if (region.kind === "context") {
    const packetPointer = frame.run.contextPointers.get(offset);
    if (packetPointer) return packetPointer;
  }
  const at = region.start + offset;
  if (region.mapSlot) reportMapLoad(frame, region, offset, size);
  switch (representation(type)) {
    case "small": {
      const int = type.kind === "int" || type.kind === "enum" ? integerOf(type) : null;
      const signed = int?.signed ?? false;
      if (size === 1) return signed ? region.view.getInt8(at) : region.view.getUint8(at);
      if (size === 2) return signed ? region.view.getInt16(at, true) : region.view.getUint16(at, true);
      return signed ? region.view.getInt32(at, true) : region.view.getUint32(at, true);
    }
    case "wide": {
      const signed =
        type.kind === "int" ? type.signed : type.kind === "enum" ? type.info.underlying.signed : false;
      return signed ? region.view.getBigInt64(at, true) : region.view.getBigUint64(at, true);
    }
    case "pointer":
      return loadPointer(pointer);
    case "bytes":
      return region.bytes.slice(at, at + size);
    case "void":
      return 0;
  }
}

/** A load from a map value, told to a recording trace (one property read when none records). */
function reportMapLoad(frame: Frame, region: Region, offset: number, size: number): void {
  const observer = frame.run.machine.observer;
  const slot = region.mapSlot;
  if (!slot || !observer?.mapRead) return;
  const at = region.start + offset;
  observer.mapRead(frame.run, {
    map: slot.map,
    key: slot.key,
    cpu: slot.cpu,
    via: "load",
    offset,
    bytes: region.bytes.subarray(at, at + size),
  });
}

/**
 * Runs a write and, when it lands in a map value and a trace is being recorded, reports the
 * value's bytes before and after. Costs one property read when nothing records.
 */
export function watchMapWrite(frame: Frame, region: Region, write: () => void): void {
  const observer = frame.run.machine.observer;
  const slot = region.mapSlot;
  if (!slot || !observer?.mapWrite) return write();
  const value = () => toHex(region.bytes.subarray(region.start, region.start + region.size));
  const before = value();
  write();
  observer.mapWrite(frame.run, { map: slot.map, key: slot.key, cpu: slot.cpu, before, after: value() });
}

/** Writes a value of `type` to memory. */
export function store(frame: Frame, address: Value, type: CType, value: Value, span: Span): void {
  const pointer = requirePointer(address, sizeOf(type), span, true);
  if (pointer.region.mapSlot && frame.run.machine.observer?.mapWrite)
    watchMapWrite(frame, pointer.region, () => storeValue(pointer, type, value, span));
  else storeValue(pointer, type, value, span);
}

function storeValue(pointer: Pointer, type: CType, value: Value, span: Span): void {
  const size = sizeOf(type);
  const { region, offset } = pointer;
  if (!region.writable) throw new RuntimeFault(`write to read-only ${region.name}`, span);
  const at = region.start + offset;
  if (representation(type) !== "pointer") forgetPointers(region, offset, size);
  switch (representation(type)) {
    case "small": {
      const n =
        typeof value === "number" ? value : typeof value === "bigint" ? Number(BigInt.asIntN(32, value)) : 0;
      if (size === 1) region.view.setUint8(at, n & 0xff);
      else if (size === 2) region.view.setUint16(at, n & 0xffff, true);
      else region.view.setUint32(at, n >>> 0, true);
      return;
    }
    case "wide":
      region.view.setBigUint64(
        at,
        BigInt.asUintN(64, typeof value === "bigint" ? value : BigInt(typeof value === "number" ? value : 0)),
        true,
      );
      return;
    case "pointer":
      storePointer(pointer, value);
      return;
    case "bytes":
      if (value instanceof Uint8Array) region.bytes.set(value.subarray(0, size), at);
      return;
    case "void":
      return;
  }
}

/**
 * A pointer stored in memory is kept beside the bytes (a pointer is a region and an offset, not
 * a number); the bytes get a non-zero marker so a byte-level read sees "some pointer". Any
 * later store of other bytes over it forgets it (see `forgetPointers`).
 */
function storePointer(pointer: Pointer, value: Value): void {
  const { region, offset } = pointer;
  const raw =
    typeof value === "bigint"
      ? value
      : value === null
        ? 0n
        : isPointer(value)
          ? POINTER_MARKER
          : BigInt(typeof value === "number" ? value : 1);
  region.view.setBigUint64(region.start + offset, BigInt.asUintN(64, raw), true);
  if (value === null || typeof value === "bigint") region.pointers.delete(offset);
  else region.pointers.set(offset, value);
}

function loadPointer(pointer: Pointer): Value {
  const { region, offset } = pointer;
  const kept = region.pointers.get(offset) as Value | undefined;
  if (kept !== undefined) return kept;
  const raw = region.view.getBigUint64(region.start + offset, true);
  return raw === 0n ? null : raw;
}

/** Bytes that mark a slot holding a pointer; only the kept pointer gives it meaning. */
const POINTER_MARKER = 0xffff_8880_dead_0000n;

/** Forgets pointers kept in `[offset, offset + size)` of a region whose bytes were just overwritten. */
export function forgetPointers(region: Pointer["region"], offset: number, size: number): void {
  if (region.pointers.size === 0) return;
  for (const at of region.pointers.keys())
    if (at + 8 > offset && at < offset + size) region.pointers.delete(at);
}
