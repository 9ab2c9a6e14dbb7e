import { type CType, integerOf, isInteger, sizeOf } from "../../types/ctypes";
import type { InitEntry } from "../../types/symbols";
import { generateStore, storeBitField } from "../access";
import type { Frame } from "../machine-state";
import { type Pointer } from "../memory";
import type { FunctionGenerator } from "./function-generator";

/**
 * Stores a flattened initializer into an object: the whole object is zeroed first, as C
 * requires for members the initializer leaves out, then each entry is written.
 */
export function generateInitializerStores(
  c: FunctionGenerator,
  entries: readonly InitEntry[],
  type: CType,
): (f: Frame, at: Pointer) => void {
  const size = sizeOf(type);
  const writers = entries.map((entry) => {
    if (entry.value.kind === "string" && entry.type.kind === "array") {
      const bytes = entry.value.bytes;
      const room = sizeOf(entry.type);
      return (_f: Frame, at: Pointer) => {
        const start = at.region.start + at.offset + entry.offset;
        at.region.bytes.set(bytes.subarray(0, room), start);
      };
    }
    const value = c.converted(entry.value, entry.type);
    const span = entry.value.span;
    if (entry.bitWidth !== undefined && entry.bitOffset !== undefined) {
      const bitOffset = entry.bitOffset;
      const width = entry.bitWidth;
      return (f: Frame, at: Pointer) => storeBitField(at, bitOffset, width, value(f));
    }
    const entryType = isInteger(entry.type) ? integerOf(entry.type) : entry.type;
    const write = generateStore(entryType, span);
    return (f: Frame, at: Pointer) => write(f, at.region, at.offset + entry.offset, value(f));
  });
  return (f, at) => {
    const start = at.region.start + at.offset;
    at.region.bytes.fill(0, start, start + size);
    for (const write of writers) write(f, at);
  };
}
