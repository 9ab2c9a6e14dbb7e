import type { PacketBytesView } from "../../engine";

/** One byte of the packet as the view shows it. */
export interface ByteCell {
  readonly offset: number;
  readonly hex: string;
  /** Different from the byte that arrived at this offset, or past the end of what arrived. */
  readonly changed: boolean;
}

export interface ByteRow {
  readonly offset: number;
  readonly cells: readonly ByteCell[];
}

/** The packet's bytes at the cursor, in rows, with what changed since it arrived, in words. */
export interface PacketBytesLayout {
  readonly rows: readonly ByteRow[];
  /** Bytes past the rows shown. */
  readonly hidden: number;
  readonly length: number;
  readonly arrivedLength: number;
  /** "unchanged", "3 bytes changed (offsets 0–2)", "grew by 4 bytes to 68; 2 bytes changed …". */
  readonly summary: string;
}

export const BYTES_PER_ROW = 16;
/** Rows shown: a full-size Ethernet frame's worth is more than a screen can use. */
const MAX_ROWS = 24;

function bytesOf(hex: string): string[] {
  return hex.match(/../g) ?? [];
}

/** Changed offsets as ranges: "0–2, 12". */
function ranges(offsets: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < offsets.length; ) {
    let j = i;
    while (j + 1 < offsets.length && offsets[j + 1] === offsets[j] + 1) j++;
    parts.push(i === j ? String(offsets[i]) : `${offsets[i]}–${offsets[j]}`);
    i = j + 1;
  }
  return parts.length > 6 ? `${parts.slice(0, 6).join(", ")} …` : parts.join(", ");
}

/**
 * The packet's bytes now, compared offset by offset with the bytes that arrived: a changed
 * byte, or one past the old end, is marked, and the summary says how the length moved.
 */
export function packetBytesLayout(view: PacketBytesView): PacketBytesLayout | null {
  if (view.now === null) return null;
  const now = bytesOf(view.now);
  const arrived = bytesOf(view.arrived);
  const changedOffsets: number[] = [];
  const cells = now.map((hex, offset) => {
    const changed = arrived[offset] !== hex;
    if (changed) changedOffsets.push(offset);
    return { offset, hex, changed };
  });
  const shown = Math.min(cells.length, MAX_ROWS * BYTES_PER_ROW);
  const rows: ByteRow[] = [];
  for (let offset = 0; offset < shown; offset += BYTES_PER_ROW)
    rows.push({ offset, cells: cells.slice(offset, Math.min(offset + BYTES_PER_ROW, shown)) });
  const grew = now.length - arrived.length;
  const size =
    grew > 0
      ? `grew by ${grew} byte${grew === 1 ? "" : "s"} to ${now.length}`
      : grew < 0
        ? `shrank by ${-grew} byte${grew === -1 ? "" : "s"} to ${now.length}`
        : "";
  const changes =
    changedOffsets.length === 0
      ? ""
      : `${changedOffsets.length} byte${changedOffsets.length === 1 ? "" : "s"} changed (offset${changedOffsets.length === 1 ? "" : "s"} ${ranges(changedOffsets)})`;
  const summary = [size, changes].filter(Boolean).join("; ") || `unchanged, ${now.length} bytes`;
  return { rows, hidden: cells.length - shown, length: now.length, arrivedLength: arrived.length, summary };
}
