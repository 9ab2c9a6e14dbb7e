import { useEffect, useRef, useState } from "react";
import { type StoreSite, sourceWhat, type ValueSource, type Writer, writerText } from "../../engine";
import { useTailscope } from "../../state/store";

/**
 * "Where did this value come from?": the store that last wrote the clicked value's bytes, with a
 * jump there, what that store computed the value from (each memory source one click further),
 * and who reads the bytes next. Opens when a value in the graph or the inspector is clicked.
 */
export function WhyPanel() {
  const why = useTailscope((s) => s.why);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (why) heading.current?.focus();
  }, [why?.label, why?.step, why]);
  if (!why) return null;
  const { result } = why;
  const memory = why.target.kind === "map" || why.target.kind === "global";
  return (
    <section className="why-panel" aria-label="Where this value came from" data-testid="why-panel">
      <div className="why-head">
        <h2 className="pane-title" ref={heading} tabIndex={-1}>
          Where did {why.label} come from? · at step {why.step}
        </h2>
        <button
          type="button"
          className="toolbar-button small"
          aria-label="Close the answer"
          data-testid="why-close"
          onClick={() => useTailscope.getState().closeWhy()}
        >
          ✕
        </button>
      </div>
      {!result && <p className="pane-placeholder">Looking through the run…</p>}
      {result && !result.ok && (
        <p className="why-error" role="alert">
          {result.error}
        </p>
      )}
      {result?.ok && (
        <>
          <p data-testid="why-value">
            {memory ? "Its bytes hold " : "It is "}
            <code>{result.answer.value}</code>.
          </p>
          <WriterLine
            label={memory ? "Written by" : "Given by"}
            writer={result.answer.writer}
            testId="why-writer"
            none={unwritten[why.target.kind]}
          />
          <Sources sources={result.answer.sources} depth={0} />
          {memory && (
            <WriterLine
              label="Read next by"
              writer={result.answer.nextReader}
              testId="why-next"
              none="no statement after the cursor"
            />
          )}
        </>
      )}
    </section>
  );
}

function WriterLine({
  label,
  writer,
  testId,
  none,
}: {
  readonly label: string;
  readonly writer: Writer;
  readonly testId: string;
  readonly none?: string;
}) {
  const site = writer && "step" in writer ? writer : null;
  return (
    <p className="why-writer" data-testid={testId}>
      {label} {writer === null && none ? none : writerText(writer)}
      {site && <GoTo site={site} testId={`${testId}-go`} />}
    </p>
  );
}

/** Moves the cursor to just after the statement, and shows its line. */
function GoTo({ site, testId }: { readonly site: StoreSite; readonly testId: string }) {
  return (
    <button
      type="button"
      className="toolbar-button small why-go"
      data-testid={testId}
      aria-label={`Go to step ${site.step}, ${site.file} line ${site.line}`}
      onClick={() => void useTailscope.getState().seekCursor(site.step)}
    >
      Go there
    </button>
  );
}

const MAX_DEPTH = 6;

/** What no writer means, for each kind of value. */
const unwritten: Record<string, string> = {
  map: "nothing: it holds its initial value",
  global: "nothing: it holds its initial value",
  context: "the test run, which derived it from the packet",
  local: "no statement of this frame: a parameter, from the caller's argument",
  return: "no return statement",
  printk: "no statement",
};

/** What a store computed its value from; memory another store wrote opens that store's own sources. */
function Sources({ sources, depth }: { readonly sources: readonly ValueSource[]; readonly depth: number }) {
  if (sources.length === 0)
    return depth === 0 ? (
      <p className="pane-placeholder">Computed from nothing Tailscope could trace.</p>
    ) : null;
  return (
    <ul
      className="why-sources"
      aria-label={depth === 0 ? "Computed from" : "which came from"}
      data-testid="why-sources"
    >
      {sources.map((source) => (
        <SourceItem key={JSON.stringify(source)} source={source} depth={depth} />
      ))}
    </ul>
  );
}

function SourceItem({ source, depth }: { readonly source: ValueSource; readonly depth: number }) {
  const [further, setFurther] = useState<readonly ValueSource[] | null>(null);
  const writer = source.kind === "memory" ? source.writer : null;
  const site = writer && "step" in writer ? writer : null;
  return (
    <li data-testid={`why-source-${source.kind}`}>
      <span>from {sourceWhat(source)}</span>
      {source.kind === "memory" && (
        <>
          <span>, written by {writerText(source.writer)}</span>
          {site && <GoTo site={site} testId="why-source-go" />}
          {site && further === null && depth < MAX_DEPTH && (
            <button
              type="button"
              className="toolbar-button small"
              data-testid="why-source-further"
              aria-label={`Where did that store at ${site.file} line ${site.line} get its value?`}
              onClick={async () =>
                setFurther(await useTailscope.getState().sourcesOfStore(site.statementStep))
              }
            >
              and that?
            </button>
          )}
        </>
      )}
      {further && <Sources sources={further} depth={depth + 1} />}
    </li>
  );
}
