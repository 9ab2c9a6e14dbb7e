import { lazy, Suspense } from "react";
import { useTailscope } from "../../state/store";
import { LessonPanel } from "../lessons/LessonPanel";
import { FileTabs } from "./FileTabs";

// Monaco is large: load it after the first paint so the shell appears at once.
const SourceEditor = lazy(() => import("./SourceEditor"));

export function EditorPane() {
  const activeFile = useTailscope((s) => s.activeFile);
  return (
    <section className="pane editor-pane" data-testid="editor" aria-label="Source editor">
      <LessonPanel />
      <FileTabs />
      <div className="editor-body" id={`panel-${activeFile}`} role="tabpanel">
        <Suspense fallback={<p className="pane-placeholder">Loading the editor…</p>}>
          <SourceEditor />
        </Suspense>
      </div>
    </section>
  );
}
