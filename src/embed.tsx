import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { readShareFragment } from "./state/share-link";
import { useTailscope } from "./state/store";
import { EmbedApp } from "./ui/embed/EmbedApp";
import "./ui/theme/theme.css";

const root = document.getElementById("root");
if (!root) throw new Error("embed.html has no #root element");
// The link's work and step: opened as they are (an embed has no edits to protect and saves
// nothing), run, and the cursor put at the step; a broken link says why.
const view = readShareFragment(window.location.hash);
if (view.ok) {
  useTailscope.getState().loadWorkspace(view.workspace);
  useTailscope.setState({ resumeAt: { step: view.step ?? 0 } });
} else useTailscope.getState().setNotice({ kind: "error", text: view.error });
createRoot(root).render(
  <StrictMode>
    <EmbedApp />
  </StrictMode>,
);
