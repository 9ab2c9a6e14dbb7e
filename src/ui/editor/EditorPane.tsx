import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { useTailscope } from "../../state/store";
import { LessonPanel } from "../lessons/LessonPanel";
import { FileTabs } from "./FileTabs";
import { SourcePreview } from "./SourcePreview";

// Monaco is a megabyte: the first screen shows the code in a light view, and Monaco comes in
// when the browser is idle, or at once on a click, a focus or a key in the code.
const SourceEditor = lazy(() => import("./SourceEditor"));

/** How long the first screen waits for an idle moment before loading Monaco anyway. */
const IDLE_TIMEOUT_MS = 1500;

export function EditorPane() {
  const activeFile = useTailscope((s) => s.activeFile);
  const [editorWanted, setEditorWanted] = useState(false);
  const [editorReady, setEditorReady] = useState(false);
  const wantEditor = useCallback(() => setEditorWanted(true), []);
  const onEditorReady = useCallback(() => setEditorReady(true), []);

  useEffect(() => whenIdle(wantEditor), [wantEditor]);

  return (
    <section className="pane editor-pane" data-testid="editor" aria-label="Source editor">
      <LessonPanel />
      <FileTabs />
      <div className="editor-body" id={`panel-${activeFile}`} role="tabpanel">
        {editorWanted && (
          <Suspense fallback={null}>
            <SourceEditor onReady={onEditorReady} />
          </Suspense>
        )}
        {/* Kept over the editor until Monaco has drawn, so the code never blinks. */}
        {!editorReady && <SourcePreview onWantEditor={wantEditor} />}
      </div>
    </section>
  );
}

/** Calls `then` once the page is idle (or after IDLE_TIMEOUT_MS); returns the cancel. */
function whenIdle(then: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(then, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(then, IDLE_TIMEOUT_MS);
  return () => clearTimeout(handle);
}
