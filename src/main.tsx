import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadSavedWorkspace } from "./state/persistence";
import { useTailscope } from "./state/store";
import { App } from "./ui/App";
import "./ui/theme/theme.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The work saved by the last visit comes back before anything is shown or built.
const saved = await loadSavedWorkspace();
if (saved) useTailscope.getState().loadWorkspace(saved);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
