import { useEffect } from "react";
import { startBuildDriver } from "../../state/build-driver";
import { startPlayer } from "../../state/player";
import { shareLink } from "../../state/share-link";
import { useTailscope, workspaceOf } from "../../state/store";
import { NoticeBanner } from "../common/NoticeBanner";
import { Narration } from "../controls/Narration";
import { StepControls } from "../controls/StepControls";
import { GraphPane } from "../graph/GraphPane";
import { useCommandKeys } from "../keyboard";
import { EmbedCode } from "./EmbedCode";
import "./embed.css";

/** The same work and step in the full app, beside this page (index.html in the same folder). */
function openLink(): string {
  const state = useTailscope.getState();
  const app = new URL("index.html", window.location.href).href;
  return shareLink(app, workspaceOf(state), state.cursor?.step ?? null);
}

/**
 * Tailscope in an article's iframe: the code, the graph and the step bar with its narration.
 * No toolbar, no lessons, nothing saved; a link opens the same step in the full app.
 */
export function EmbedApp() {
  useEffect(() => startBuildDriver(), []);
  useEffect(() => startPlayer(useTailscope), []);
  useCommandKeys();
  const title = useTailscope((s) => s.title);
  // Subscribed so that the link follows the cursor.
  useTailscope((s) => s.cursor?.step);
  return (
    <div className="app embed" data-testid="app" data-embed="true">
      <header className="embed-header">
        <span className="embed-title">{title}</span>
        <a
          className="embed-open"
          data-testid="embed-open"
          href={openLink()}
          target="_blank"
          rel="noopener noreferrer"
        >
          open in Tailscope ↗
        </a>
      </header>
      <NoticeBanner />
      <main className="embed-main">
        <section className="pane embed-code-pane" aria-label="Code">
          <EmbedCode />
        </section>
        <GraphPane />
      </main>
      <footer className="embed-steps">
        <StepControls />
        <Narration />
      </footer>
    </div>
  );
}
