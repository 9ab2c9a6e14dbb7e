import { type KeyboardEvent, type PointerEvent, useMemo } from "react";
import { useTailscope } from "../../state/store";
import { eraseTypedAhead, placeCaret, typeAhead } from "./editor-intent";
import { HighlightedLine } from "./HighlightedLine";
import { highlightC } from "./light-highlight";
import "./source-preview.css";

interface Props {
  /** Asks for the real editor: a click, a focus or a key here. */
  onWantEditor: () => void;
}

/**
 * The first screen's source view: the active file, highlighted, read-only, laid out as Monaco
 * lays it out (same font size and line height), so the code is readable at once and nothing
 * jumps when the editor takes its place. A click or a key asks for Monaco and is handed over.
 */
export function SourcePreview({ onWantEditor }: Props) {
  const file = useTailscope((s) => s.activeFile);
  const text = useTailscope((s) => s.files[s.activeFile] ?? "");
  const classroom = useTailscope((s) => s.classroom);
  const lines = useMemo(() => highlightC(text), [text]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const place = caretAt(event.clientX, event.clientY);
    placeCaret(file, place?.line ?? 1, place?.column ?? 1);
    onWantEditor();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) typeAhead(file, event.key);
    else if (event.key === "Enter") typeAhead(file, "\n");
    else if (event.key === "Backspace") eraseTypedAhead();
    else return;
    event.preventDefault();
    onWantEditor();
  };

  return (
    <div
      className={`source-preview ${classroom ? "classroom" : ""}`}
      data-testid="source-preview"
      role="textbox"
      aria-readonly="true"
      aria-multiline="true"
      aria-label={`C source of ${file} (the editor opens on a click or a key)`}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onFocus={onWantEditor}
      onKeyDown={onKeyDown}
    >
      {lines.map((tokens, index) => (
        // Lines are identified by their place: an edit re-renders the file anyway.
        <HighlightedLine key={index} tokens={tokens} line={index + 1} />
      ))}
    </div>
  );
}

/** The line and column under a point, from the browser's caret hit test (1-based). */
function caretAt(x: number, y: number): { line: number; column: number } | null {
  const range = document.caretRangeFromPoint?.(x, y);
  const node = range?.startContainer;
  const element = node instanceof Element ? node : node?.parentElement;
  const line = element?.closest<HTMLElement>(".preview-line");
  const code = line?.querySelector(".preview-code");
  if (!range || !line || !code) return null;
  const before = document.createRange();
  before.setStart(code, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const inCode = code.contains(range.startContainer);
  return { line: Number(line.dataset.line), column: inCode ? before.toString().length + 1 : 1 };
}
