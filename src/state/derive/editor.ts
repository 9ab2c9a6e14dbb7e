import type { CursorState, LocalView, RunningView, StateView } from "../../engine";

/** The packets in flight at the cursor: one per busy CPU. */
export function packetsInFlight(state: StateView | undefined): readonly RunningView[] {
  if (!state) return [];
  return state.cpus.length > 0 ? state.cpus : state.running ? [state.running] : [];
}

/** A line that a CPU with a packet in flight runs next. */
export interface CpuLine {
  readonly cpu: number;
  readonly line: number;
  /** The CPU the steps follow: the editor keeps its line in view. */
  readonly followed: boolean;
}

/**
 * The statement each CPU with a packet in flight executes next, in `file` (an interleaved run
 * has several): what the editor marks in each CPU's colour.
 */
export function cpuLinesIn(file: string, cursor: CursorState | null): CpuLine[] {
  const state = cursor?.state;
  const lines = packetsInFlight(state).flatMap((packet) => {
    const frame = packet.frames.at(-1);
    return frame && frame.file === file ? [{ cpu: packet.cpu, line: frame.line }] : [];
  });
  const followedCpu = lines.find((l) => l.cpu === state?.running?.cpu)?.cpu ?? lines[0]?.cpu;
  return lines.map((l) => ({ ...l, followed: l.cpu === followedCpu }));
}

/** How the inspector and the editor's hover write a local's value. */
export function describeLocal(local: LocalView): string {
  if (local.value !== undefined) return local.value;
  if (local.pointsTo !== undefined) return local.pointsTo === null ? "NULL" : `→ ${local.pointsTo}`;
  return `0x${local.bytes}`;
}

/** The local a name means in a packet's frames in a file: the innermost frame that has it. */
function localIn(packet: RunningView, file: string, name: string): LocalView | null {
  for (let i = packet.frames.length - 1; i >= 0; i--) {
    const frame = packet.frames[i];
    if (frame.file !== file) continue;
    const local = frame.locals.find((l) => l.name === name);
    if (local) return local;
  }
  return null;
}

/**
 * What hovering a name in the editor shows at the cursor: its value in the followed CPU's
 * frames and in every other CPU's with a packet in flight, each labelled; empty when no frame
 * has a local of that name.
 */
export function hoverValues(cursor: CursorState | null, file: string, name: string): string[] {
  return packetsInFlight(cursor?.state).flatMap((packet) => {
    const local = localIn(packet, file, name);
    return local ? [`CPU ${packet.cpu}, packet ${packet.packet}: \`${name} = ${describeLocal(local)}\``] : [];
  });
}
