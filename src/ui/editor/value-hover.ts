import type { LocalView, RunningView } from "../../engine";
import { useTailscope } from "../../state/store";
import { monaco } from "./monaco";

let registered = false;

function describe(local: LocalView): string {
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
 * Hovering a variable while stepping shows its value at the cursor: in the followed CPU's
 * frames, and in every other CPU's with a packet in flight (interleaved runs), each labelled.
 */
export function registerValueHover(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerHoverProvider("c", {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      const state = useTailscope.getState().cursor?.state;
      if (!word || !state) return null;
      const file = model.uri.path.slice(1);
      const packets = state.cpus.length > 0 ? state.cpus : state.running ? [state.running] : [];
      const lines = packets.flatMap((packet) => {
        const local = localIn(packet, file, word.word);
        return local
          ? [`CPU ${packet.cpu}, packet ${packet.packet}: \`${word.word} = ${describe(local)}\``]
          : [];
      });
      if (lines.length === 0) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [{ value: `At step ${state.step}` }, ...lines.map((value) => ({ value }))],
      };
    },
  });
}
