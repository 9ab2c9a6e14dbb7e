import type { Span } from "../source/source-file";
import { toHex, writeBits } from "../target/bytes";
import { type CType, integerOf, sizeOf } from "../types/ctypes";
import type { Frame } from "./machine-state";
import { markWritten, type Pointer, type Region } from "./memory";
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

/** A compiled load of one type: reads the bytes at `offset` of a region already known to be one. */
export type Loader = (frame: Frame, region: Region, offset: number) => Value;

/** A compiled store of one type: writes a value at `offset` of a region. */
export type Storer = (frame: Frame, region: Region, offset: number, value: Value) => void;

/** Reads a value of `type` from memory; context fields that hold packet pointers yield those pointers. */
export function load(frame: Frame, address: Value, type: CType, span: Span): Value {
  const pointer = requirePointer(address, 0, span, false);
  return generateLoad(type, span)(frame, pointer.region, pointer.offset);
}

/**
 * A load of `type` with everything about the type decided once, when the program is compiled:
 * the run only checks bounds and reads. Faults as `requirePointer` does.
 */
export function generateLoad(type: CType, span: Span): Loader {
  const size = sizeOf(type);
  const read = generateRead(type, size);
  return (frame, region, offset) => {
    if (offset < 0 || offset + size > region.size) throw outside(region, offset, size, span);
    // Only the context itself holds them: the socket behind skb->sk is a context region too.
    if (region === frame.run.context) {
      const packetPointer = frame.run.contextPointers.get(offset);
      if (packetPointer) return packetPointer;
    }
    if (region.mapSlot !== undefined) reportMapLoad(frame, region, offset, size);
    return read(region, offset);
  };
}

function outside(region: Region, offset: number, size: number, span: Span): RuntimeFault {
  return new RuntimeFault(
    `access of ${size} bytes at offset ${offset} is outside ${region.name} (${region.size} bytes)`,
    span,
  );
}

/** The bare read of a type's bytes, bounds already checked. */
function generateRead(type: CType, size: number): (region: Region, offset: number) => Value {
  switch (representation(type)) {
    case "small": {
      const int = type.kind === "int" || type.kind === "enum" ? integerOf(type) : null;
      const signed = int?.signed ?? false;
      if (size === 1)
        return signed
          ? (r, offset) => r.view.getInt8(r.start + offset)
          : (r, offset) => r.view.getUint8(r.start + offset);
      if (size === 2)
        return signed
          ? (r, offset) => r.view.getInt16(r.start + offset, true)
          : (r, offset) => r.view.getUint16(r.start + offset, true);
      return signed
        ? (r, offset) => r.view.getInt32(r.start + offset, true)
        : (r, offset) => r.view.getUint32(r.start + offset, true);
    }
    case "wide": {
      const signed =
        type.kind === "int" ? type.signed : type.kind === "enum" ? type.info.underlying.signed : false;
      return (r, offset) => readWide(r, offset, signed);
    }
    case "pointer":
      return loadPointer;
    case "bytes":
      return (r, offset) => r.bytes.slice(r.start + offset, r.start + offset + size);
    case "void":
      return () => 0;
  }
}

/** A load from a map value, a global or the packet, told to a recording trace (one property read when none records). */
function reportMapLoad(frame: Frame, region: Region, offset: number, size: number): void {
  const observer = frame.run.machine.observer;
  const slot = region.mapSlot;
  if (!slot || observer === null) return;
  if (slot.place === "packet") return observer.packetRead?.(frame.run, offset, size);
  if (slot.place === "global") return observer.globalRead?.(frame.run, slot.map, offset, size);
  if (!observer.mapRead) return;
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
 * Runs a write and, when a trace is being recorded, reports it: for a map value, the value's
 * bytes before and after and which bytes the store wrote; for a global, which bytes. Costs one
 * property read when nothing records.
 */
export function watchMapWrite(
  frame: Frame,
  region: Region,
  offset: number,
  size: number,
  write: () => void,
): void {
  const observer = frame.run.machine.observer;
  const slot = region.mapSlot;
  if (!slot || observer === null || slot.place === "packet") return write();
  if (slot.place === "global") {
    write();
    observer.globalWrite?.(frame.run, slot.map, offset, size);
    return;
  }
  if (!observer.mapWrite) return write();
  const value = () => toHex(region.bytes.subarray(region.start, region.start + region.size));
  const before = value();
  write();
  observer.mapWrite(frame.run, {
    map: slot.map,
    key: slot.key,
    cpu: slot.cpu,
    offset,
    size,
    before,
    after: value(),
  });
}

/** Writes a value of `type` to memory. */
export function store(frame: Frame, address: Value, type: CType, value: Value, span: Span): void {
  const pointer = requirePointer(address, 0, span, true);
  generateStore(type, span)(frame, pointer.region, pointer.offset, value);
}

/** A store of `type`, decided once at compile time like `generateLoad`. */
export function generateStore(type: CType, span: Span): Storer {
  const size = sizeOf(type);
  const write = generateWrite(type, size);
  const keepsPointer = representation(type) === "pointer";
  return (frame, region, offset, value) => {
    if (offset < 0 || offset + size > region.size) throw outside(region, offset, size, span);
    if (!region.writable) {
      // A store into a const global: clang deletes it (the verifier refuses the ones it keeps,
      // into `const volatile` globals), so the global keeps its initial value.
      if (region.kind === "global") return;
      throw new RuntimeFault(`write to read-only ${region.name}`, span);
    }
    if (region.mapSlot !== undefined && frame.run.machine.observer !== null) {
      watchMapWrite(frame, region, offset, size, () => {
        if (!keepsPointer) forgetPointers(region, offset, size);
        write(region, offset, value);
      });
      return;
    }
    if (!keepsPointer && region.pointers.size > 0) forgetPointers(region, offset, size);
    write(region, offset, value);
  };
}

/** The bare write of a type's bytes, bounds and permissions already checked. */
function generateWrite(type: CType, size: number): (region: Region, offset: number, value: Value) => void {
  switch (representation(type)) {
    case "small":
      if (size === 1) return (r, offset, v) => r.view.setUint8(r.start + offset, smallOf(v) & 0xff);
      if (size === 2) return (r, offset, v) => r.view.setUint16(r.start + offset, smallOf(v) & 0xffff, true);
      return (r, offset, v) => r.view.setUint32(r.start + offset, smallOf(v) >>> 0, true);
    case "wide":
      return writeWide;
    case "pointer":
      return storePointer;
    case "bytes":
      return (r, offset, v) => {
        if (v instanceof Uint8Array) r.bytes.set(v.subarray(0, size), r.start + offset);
      };
    case "void":
      return () => {};
  }
}

/** A value held as a small integer: numbers as they are, a 64-bit one cut to its low 32 bits. */
function smallOf(value: Value): number {
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(BigInt.asIntN(32, value)) : 0;
}

/**
 * A pointer stored in memory is kept beside the bytes (a pointer is a region and an offset, not
 * a number); the bytes get a non-zero marker so a byte-level read sees "some pointer". Any
 * later store of other bytes over it forgets it (see `forgetPointers`).
 */
export function storePointer(region: Region, offset: number, value: Value): void {
  const at = region.start + offset;
  if (isPointer(value)) {
    region.view.setUint32(at, POINTER_MARKER_LOW, true);
    region.view.setUint32(at + 4, POINTER_MARKER_HIGH, true);
    region.pointers.set(offset, value);
    return;
  }
  if (value === null || typeof value === "bigint") {
    region.view.setBigUint64(at, value === null ? 0n : BigInt.asUintN(64, value), true);
    if (region.pointers.size > 0) region.pointers.delete(offset);
    return;
  }
  // A map or function handle (or a stray number) is kept like a pointer, its bytes a stand-in.
  region.view.setBigUint64(at, BigInt.asUintN(64, BigInt(typeof value === "number" ? value : 1)), true);
  region.pointers.set(offset, value);
}

export function loadPointer(region: Region, offset: number): Value {
  if (region.pointers.size > 0) {
    const kept = region.pointers.get(offset) as Value | undefined;
    if (kept !== undefined) return kept;
  }
  const raw = region.view.getBigUint64(region.start + offset, true);
  return raw === 0n ? null : raw;
}

/**
 * A 64-bit integer read: the pointer kept there, if a pointer was stored through an integer type
 * (`arr[0] = (unsigned long long)name`, as bpf_printk's macro does for its fourth argument on),
 * else the bytes. The pointer stays one, so printk's %s still finds its bytes and a cast back
 * gives the pointer; printed as a number, it is its address.
 */
export function readWide(region: Region, offset: number, signed: boolean): Value {
  if (region.pointers.size > 0) {
    const kept = region.pointers.get(offset) as Value | undefined;
    if (kept !== undefined) return kept;
  }
  const at = region.start + offset;
  return signed ? region.view.getBigInt64(at, true) : region.view.getBigUint64(at, true);
}

/** A 64-bit integer write: a pointer (or handle) is kept as `storePointer` keeps one, a number written. */
export function writeWide(region: Region, offset: number, value: Value): void {
  if (typeof value === "object" && value !== null && !(value instanceof Uint8Array)) {
    storePointer(region, offset, value);
    return;
  }
  const big = typeof value === "bigint" ? value : BigInt(typeof value === "number" ? value : 0);
  region.view.setBigUint64(region.start + offset, BigInt.asUintN(64, big), true);
}

/** Bytes that mark a slot holding a pointer (0xffff_8880_dead_0000); only the kept pointer gives it meaning. */
const POINTER_MARKER_LOW = 0xdead_0000;
const POINTER_MARKER_HIGH = 0xffff_8880;

/** Forgets pointers kept in `[offset, offset + size)` of a region whose bytes were just overwritten. */
export function forgetPointers(region: Region, offset: number, size: number): void {
  if (region.pointers.size > 0) region.pointers.forgetOverlapping(offset, size);
}

/** Writes `value` into `width` bits of the object at `at`, from bit `bitOffset` (little-endian order). */
export function storeBitField(at: Pointer, bitOffset: number, width: number, value: Value): void {
  markWritten(at.region, at.region.start + at.offset + (bitOffset >> 3), ((width + 7) >> 3) + 1);
  writeBits(
    at.region.bytes.subarray(at.region.start + at.offset),
    bitOffset,
    width,
    BigInt(typeof value === "number" || typeof value === "bigint" ? value : 0),
  );
}
