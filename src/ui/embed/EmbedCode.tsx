import { useEffect, useMemo, useRef } from "react";
import { useTailscope } from "../../state/store";
import { HighlightedLine } from "../editor/HighlightedLine";
import { highlightC } from "../editor/light-highlight";
import { cpuColor } from "../graph/cpu-colors";
import "../editor/source-preview.css";

/**
 * The embed's code: the file the followed packet is in, highlighted and read-only (no editor to
 * load), the line that runs next marked in its CPU's colour and kept in view.
 */
export function EmbedCode() {
  const running = useTailscope((s) => s.cursor?.state.running ?? null);
  const frame = running?.frames.at(-1) ?? null;
  const file = useTailscope((s) => (frame && s.files[frame.file] !== undefined ? frame.file : s.main));
  const text = useTailscope((s) => s.files[file] ?? "");
  const lines = useMemo(() => highlightC(text), [text]);
  const current = frame?.file === file ? frame.line : null;
  const view = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (current === null) return;
    view.current?.querySelector(`[data-line="${current}"]`)?.scrollIntoView({ block: "center" });
  }, [current]);
  return (
    <div
      ref={view}
      className="source-preview embed-code"
      data-testid="embed-code"
      role="region"
      aria-label={`C source of ${file}${current === null ? "" : `, line ${current} runs next`}`}
      tabIndex={0}
    >
      <div className="embed-file">{file}</div>
      {lines.map((tokens, index) => {
        const here = index + 1 === current;
        return (
          <HighlightedLine
            key={index}
            tokens={tokens}
            line={index + 1}
            className={here ? "preview-line embed-current" : "preview-line"}
            style={here && running ? { ["--cpu" as string]: cpuColor(running.cpu) } : undefined}
          />
        );
      })}
    </div>
  );
}
