import type { Diagnostic } from "../../engine";
import { monaco } from "./monaco";

/** Zones drawn at most: the first errors are the ones to read; the Problems list has the rest. */
const MAX_ZONES = 3;

/** What a zone says: the explanation, and the fix the editor offers, in plain words. */
function zoneText(d: Diagnostic): { why: string | null; fix: string | null } {
  return {
    why: d.explanation ?? null,
    fix: d.fix ? `Suggested fix: ${d.fix.title} (Ctrl+. on the marked line applies it)` : null,
  };
}

/** The text's width: the editor's visible code area (a zone itself spans the scroll width). */
function textWidth(editor: monaco.editor.IStandaloneCodeEditor): number {
  const layout = editor.getLayoutInfo();
  return Math.max(200, layout.contentWidth - layout.verticalScrollbarWidth - 16);
}

function zoneNode(d: Diagnostic, fontSize: number, width: number): HTMLElement {
  const { why, fix } = zoneText(d);
  const zone = document.createElement("div");
  const node = document.createElement("div");
  zone.append(node);
  node.style.width = `${width}px`;
  node.className = `inline-explanation inline-${d.severity}`;
  node.dataset.testid = "inline-explanation";
  node.setAttribute("role", "note");
  node.style.fontSize = `${fontSize}px`;
  for (const text of [why, fix]) {
    if (!text) continue;
    const line = document.createElement("div");
    line.textContent = text;
    node.append(line);
  }
  return zone;
}

/** The zone's height: its text wrapped to the editor's width, a line per wrap. */
function heightOf(d: Diagnostic, editor: monaco.editor.IStandaloneCodeEditor, fontSize: number): number {
  const { why, fix } = zoneText(d);
  const width = textWidth(editor) - 20;
  // Proportional text averages about half its size in width per character.
  const perLine = Math.max(20, Math.floor(width / (fontSize * 0.55)));
  const lines = [why, fix].reduce((sum, text) => sum + (text ? Math.ceil(text.length / perLine) : 0), 0);
  return lines * Math.round(fontSize * 1.45) + 10;
}

/**
 * Under each error line of the file on show, a band with the error's plain-words explanation
 * and its suggested fix (Monaco view zones), so a class can read them on the projector without
 * a hover. Returns how to take them away.
 */
export function showExplanations(
  editor: monaco.editor.IStandaloneCodeEditor,
  diagnostics: readonly Diagnostic[],
  file: string,
): () => void {
  const shown = diagnostics
    .filter((d) => d.file === file && d.severity === "error" && (d.explanation || d.fix))
    .slice(0, MAX_ZONES);
  const fontSize = Math.max(12, Math.round(editor.getOption(monaco.editor.EditorOption.fontSize) * 0.9));
  const ids: string[] = [];
  editor.changeViewZones((zones) => {
    for (const d of shown)
      ids.push(
        zones.addZone({
          afterLineNumber: d.endLine,
          heightInPx: heightOf(d, editor, fontSize),
          domNode: zoneNode(d, fontSize, textWidth(editor)),
        }),
      );
  });
  return () => editor.changeViewZones((zones) => ids.forEach((id) => zones.removeZone(id)));
}
