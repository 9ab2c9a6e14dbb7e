import { useState } from "react";
import { reportJson } from "../../engine";
import { shareFragment, shareLink } from "../../state/share-link";
import { useTailscope, workspaceOf } from "../../state/store";
import { Modal } from "../common/Modal";
import { AnimationExport } from "./AnimationExport";
import { download, downloadScenario, fileNameOf } from "./downloads";
import { graphPng, graphSvg } from "./graph-image";

/** Characters escaped for an HTML attribute. */
function attribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The `<iframe>` for a page: embed.html beside this page's index.html, with the link's fragment. */
function embedSnippet(title: string, fragment: string): string {
  const page = new URL("embed.html", window.location.href);
  page.hash = fragment;
  return `<iframe src="${attribute(page.href)}" title="Tailscope: ${attribute(title)}" width="960" height="600" style="border:1px solid #ccc" loading="lazy"></iframe>`;
}

/** The share link (sources, scenario and cursor in the URL) and every export. */
export function ShareDialog({ onClose }: { readonly onClose: () => void }) {
  const state = useTailscope.getState();
  const workspace = workspaceOf(state);
  const step = state.cursor?.step ?? null;
  const [link] = useState(() => shareLink(window.location.href, workspace, step));
  const [snippet] = useState(() => embedSnippet(workspace.title, shareFragment(workspace, step)));
  const [status, setStatus] = useState("");
  const [pngScale, setPngScale] = useState(2);
  const run = useTailscope((s) => s.run);
  const report = run && "report" in run ? run.report : null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setStatus("Link copied.");
    } catch {
      setStatus("Copying is not allowed here: select the link and copy it.");
    }
  };
  const exportGraph = async (kind: "png" | "svg") => {
    try {
      const url = kind === "png" ? await graphPng(pngScale) : graphSvg();
      download(fileNameOf(workspace.title, kind), url);
      setStatus(`Graph saved as ${kind.toUpperCase()}.`);
    } catch (error) {
      setStatus(`The graph could not be exported: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <Modal title="Share and export" testId="share-dialog" onClose={onClose}>
      <label className="share-label" htmlFor="share-link">
        A link to exactly this: the sources, the scenario and{" "}
        {step === null ? "no run yet" : `the cursor at step ${step}`}
      </label>
      <div className="share-row">
        <input
          id="share-link"
          data-testid="share-link"
          className="share-link"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="toolbar-button primary" data-testid="btn-copy-link" onClick={copy}>
          Copy
        </button>
      </div>
      <label className="share-label" htmlFor="embed-snippet">
        To put it in a page (a blog post, course notes): this iframe shows the code, the graph and the step
        bar at the same step, and saves nothing in the reader's browser
      </label>
      <div className="share-row">
        <textarea
          id="embed-snippet"
          data-testid="embed-snippet"
          className="share-link embed-snippet"
          readOnly
          rows={3}
          value={snippet}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-copy-embed"
          onClick={() =>
            navigator.clipboard.writeText(snippet).then(
              () => setStatus("Embed code copied."),
              () => setStatus("Copying is not allowed here: select the code and copy it."),
            )
          }
        >
          Copy
        </button>
      </div>
      <div className="modal-actions">
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-export-scenario"
          onClick={() => downloadScenario(workspace)}
        >
          Scenario file (.json)
        </button>
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-export-report"
          disabled={!report}
          title={report ? undefined : "Run the scenario first"}
          onClick={() =>
            report &&
            download(
              fileNameOf(`${workspace.title} report`, "json"),
              `${JSON.stringify(reportJson(report), null, 2)}\n`,
            )
          }
        >
          Run report (.json)
        </button>
        <label className="share-scale">
          PNG scale
          <select
            data-testid="png-scale"
            value={pngScale}
            onChange={(e) => setPngScale(Number(e.target.value))}
          >
            <option value={1}>1×</option>
            <option value={2}>2×</option>
            <option value={3}>3× (projector)</option>
          </select>
        </label>
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-export-png"
          onClick={() => void exportGraph("png")}
        >
          Graph as PNG
        </button>
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-export-svg"
          onClick={() => void exportGraph("svg")}
        >
          Graph as SVG
        </button>
      </div>
      <AnimationExport title={workspace.title} onStatus={setStatus} />
      <p className="modal-note" role="status" data-testid="share-status">
        {status}
      </p>
    </Modal>
  );
}
