import { useState } from "react";
import { parsePrintkArguments, printkArgumentsText } from "../../state/derive/printk-arguments";
import { useTailscope } from "../../state/store";

/**
 * Logpoints after the fact: a printk-style line at a source line, added without editing the
 * program; its line shows for every past hit in the trace log, marked, and nothing the program
 * sees changes. Saved with the scenario and carried by share links.
 */
export function LogpointsPanel() {
  const logpoints = useTailscope((s) => s.logpoints);
  const errors = useTailscope((s) => s.logpointErrors);
  const files = useTailscope((s) => s.files);
  const main = useTailscope((s) => s.main);
  const pausedLine = useTailscope((s) => s.cursor?.state.running?.frames.at(-1));
  const [file, setFile] = useState<string | null>(null);
  const [line, setLine] = useState("");
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const sources = Object.keys(files).filter((name) => name.endsWith(".c"));
  const chosenFile = file ?? pausedLine?.file ?? main;
  const lineText = line || String(pausedLine?.line ?? "");

  const add = () => {
    const parsed = parsePrintkArguments(text);
    const number = Number(lineText);
    if (!Number.isInteger(number) || number < 1) return setProblem("give the line number to log at");
    if (!parsed.ok) return setProblem(parsed.error);
    setProblem(null);
    setText("");
    const next = [...logpoints, { file: chosenFile, line: number, format: parsed.format, args: parsed.args }];
    void useTailscope.getState().setLogpoints(next);
  };
  const remove = (position: number) =>
    void useTailscope.getState().setLogpoints(logpoints.filter((_, i) => i !== position));

  return (
    <section className="logpoints" aria-label="Logpoints" data-testid="logpoints">
      <h2 className="pane-title">Logpoints · printk lines added after the run</h2>
      <ul className="problem-list">
        {logpoints.map((point, i) => (
          <li
            key={`${point.file}:${point.line}:${i}`}
            className="breakpoint-row"
            data-testid={`logpoint-${i}`}
          >
            <span>
              {point.file}:{point.line}
            </span>
            <code className="logpoint-text">{printkArgumentsText(point.format, point.args)}</code>
            <button
              type="button"
              className="toolbar-button small"
              aria-label={`Remove the logpoint at ${point.file}:${point.line}`}
              onClick={() => remove(i)}
            >
              ✕
            </button>
            {errors[i] && (
              <span className="breakpoint-error" role="alert" data-testid={`logpoint-error-${i}`}>
                {errors[i]}
              </span>
            )}
          </li>
        ))}
      </ul>
      <form
        className="logpoint-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        {sources.length > 1 && (
          <select
            aria-label="File of the logpoint"
            className="cpu-focus"
            value={chosenFile}
            onChange={(e) => setFile(e.target.value)}
          >
            {sources.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        )}
        <input
          className="logpoint-line nokey"
          data-testid="logpoint-line"
          aria-label="Line of the logpoint"
          inputMode="numeric"
          placeholder="line"
          value={lineText}
          onChange={(e) => setLine(e.target.value)}
        />
        <input
          className="breakpoint-condition nokey"
          data-testid="logpoint-input"
          aria-label="What to print, as bpf_printk's arguments: the format in quotes, then C expressions"
          placeholder={'"cpu=%u first=%u", bpf_get_smp_processor_id(), ctx2->value_from_1'}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="toolbar-button small" data-testid="logpoint-add">
          Add
        </button>
      </form>
      {problem && (
        <p className="breakpoint-error" role="alert" data-testid="logpoint-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
