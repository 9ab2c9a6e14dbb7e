import type { CSSProperties } from "react";
import type { Token } from "./light-highlight";

/** One source line of the light highlighted view: its number, then its tokens in their colours. */
export function HighlightedLine({
  tokens,
  line,
  className = "preview-line",
  style,
}: {
  readonly tokens: readonly Token[];
  /** 1-based. */
  readonly line: number;
  readonly className?: string;
  readonly style?: CSSProperties;
}) {
  return (
    <div className={className} data-line={line} style={style}>
      <span className="preview-number" aria-hidden="true">
        {line}
      </span>
      <span className="preview-code">
        {tokens.map((token, at) =>
          token.kind === "text" ? (
            token.text
          ) : (
            <span key={at} className={`tok-${token.kind}`}>
              {token.text}
            </span>
          ),
        )}
      </span>
    </div>
  );
}
