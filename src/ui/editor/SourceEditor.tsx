import { useEffect, useRef } from "react";
import { useTailscope } from "../../state/store";
import { monaco } from "./monaco";

const monacoThemes = { dark: "vs-dark", light: "vs" } as const;

function modelUri(fileName: string) {
  return monaco.Uri.parse(`file:///${fileName}`);
}

/** One model per source file, created on demand and kept in sync with the store. */
function modelFor(fileName: string, text: string) {
  const existing = monaco.editor.getModel(modelUri(fileName));
  if (existing) return existing;
  return monaco.editor.createModel(text, "c", modelUri(fileName));
}

/** The Monaco editor. Its container carries `nokey` so React Flow's Space handler leaves typed spaces alone. */
export default function SourceEditor() {
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const activeFile = useTailscope((s) => s.activeFile);
  const theme = useTailscope((s) => s.theme);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const editor = monaco.editor.create(container, {
      automaticLayout: true,
      fontSize: 14,
      minimap: { enabled: false },
      glyphMargin: true,
      scrollBeyondLastLine: false,
      tabSize: 4,
      ariaLabel: "C source editor",
    });
    editorRef.current = editor;
    const subscription = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      useTailscope.getState().setFileText(model.uri.path.slice(1), model.getValue());
    });
    return () => {
      subscription.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const text = useTailscope.getState().files[activeFile] ?? "";
    const model = modelFor(activeFile, text);
    if (model.getValue() !== text) model.setValue(text);
    editor.setModel(model);
  }, [activeFile]);

  useEffect(() => {
    monaco.editor.setTheme(monacoThemes[theme]);
  }, [theme]);

  return <div ref={containerRef} className="source-editor nokey" data-testid="monaco-host" />;
}
