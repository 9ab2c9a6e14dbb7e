import { useEffect, useRef } from "react";
import { cpuLinesIn } from "../../state/derive/editor";
import { useTailscope } from "../../state/store";
import { cpuLineClasses } from "./cpu-line-styles";
import { takeIntent } from "./editor-intent";
import { showExplanations } from "./explanation-zones";
import { escapeThenTabLeaves } from "./leave-editor";
import { registerQuickFixes, showDiagnostics } from "./markers";
import { monaco } from "./monaco";
import { registerValueHover } from "./value-hover";

const monacoThemes = { dark: "vs-dark", light: "vs" } as const;

function modelUri(fileName: string) {
  return monaco.Uri.parse(`file:///${fileName}`);
}

/**
 * One model per source file, created up front so markers can be set on files not yet opened;
 * models of files the workspace no longer has (another lesson was opened) go away.
 */
function syncModels(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const existing = monaco.editor.getModel(modelUri(name));
    if (!existing) monaco.editor.createModel(text, "c", modelUri(name));
    else if (existing.getValue() !== text) existing.setValue(text);
  }
  for (const model of monaco.editor.getModels())
    if (model.uri.scheme === "file" && !(model.uri.path.slice(1) in files)) model.dispose();
}

const editorFontSize = { normal: 14, classroom: 22 } as const;

/**
 * Takes over from the light source view: the caret where the person clicked, what they typed
 * while Monaco loaded, and the focus if the view had it.
 */
function handOver(editor: monaco.editor.IStandaloneCodeEditor): void {
  const intent = takeIntent();
  const viewHadFocus = document.activeElement?.classList.contains("source-preview") ?? false;
  if (intent) {
    const model = monaco.editor.getModel(modelUri(intent.file));
    if (model && editor.getModel() !== model) editor.setModel(model);
    const position = { lineNumber: intent.line, column: intent.column };
    editor.setPosition(position);
    editor.revealPositionInCenterIfOutsideViewport(position);
    if (intent.typed) editor.trigger("keyboard", "type", { text: intent.typed });
  }
  if (intent || viewHadFocus) editor.focus();
}

interface Props {
  /** Called once Monaco has drawn the code, so the light view over it can go. */
  onReady?: () => void;
}

/** The Monaco editor. Its container carries `nokey` so React Flow's Space handler leaves typed spaces alone. */
export default function SourceEditor({ onReady }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const activeFile = useTailscope((s) => s.activeFile);
  const theme = useTailscope((s) => s.theme);
  const build = useTailscope((s) => s.build);
  const reveal = useTailscope((s) => s.reveal);
  const cursor = useTailscope((s) => s.cursor);
  const workspaceSerial = useTailscope((s) => s.workspaceSerial);
  const classroom = useTailscope((s) => s.classroom);
  const lineDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const breakpointDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const breakpoints = useTailscope((s) => s.breakpoints);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    syncModels(useTailscope.getState().files);
    registerQuickFixes();
    registerValueHover();
    const editor = monaco.editor.create(container, {
      automaticLayout: true,
      fontSize: useTailscope.getState().classroom ? editorFontSize.classroom : editorFontSize.normal,
      minimap: { enabled: false },
      glyphMargin: true,
      scrollBeyondLastLine: false,
      tabSize: 4,
      ariaLabel: "C source editor",
    });
    editorRef.current = editor;
    const stopLeaving = escapeThenTabLeaves(container);
    // A click in the glyph margin (left of the line numbers) sets or clears a breakpoint; so
    // does F9 at the caret's line (a command: the editor tells the store where its caret is).
    const fileOf = () => editor.getModel()?.uri.path.slice(1) ?? null;
    const mouse = editor.onMouseDown((event) => {
      if (event.target.type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN) return;
      const line = event.target.position?.lineNumber;
      const file = fileOf();
      if (line && file) useTailscope.getState().toggleBreakpoint(file, line);
    });
    const publishCaret = () => {
      const file = fileOf();
      const line = editor.getPosition()?.lineNumber;
      useTailscope.getState().setCaret(file && line && editor.hasTextFocus() ? { file, line } : null);
    };
    const caret = editor.onDidChangeCursorPosition(publishCaret);
    const focus = editor.onDidFocusEditorText(publishCaret);
    const blur = editor.onDidBlurEditorText(publishCaret);
    const subscription = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      const name = model.uri.path.slice(1);
      const text = model.getValue();
      // A workspace just loaded into the model is not an edit.
      if (useTailscope.getState().files[name] !== text) useTailscope.getState().setFileText(name, text);
    });
    // Two frames: the model (set by the effect below) is laid out and painted before the light
    // view over the editor goes.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        handOver(editor);
        onReady?.();
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      stopLeaving();
      mouse.dispose();
      caret.dispose();
      focus.dispose();
      blur.dispose();
      subscription.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  // A new workspace (its serial) brings new files even under the same active file name.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    syncModels(useTailscope.getState().files);
    editor.setModel(monaco.editor.getModel(modelUri(activeFile)));
  }, [activeFile, workspaceSerial]);

  useEffect(() => {
    editorRef.current?.updateOptions({
      fontSize: classroom ? editorFontSize.classroom : editorFontSize.normal,
    });
  }, [classroom]);

  useEffect(() => {
    if (build) showDiagnostics(build.diagnostics, Object.keys(useTailscope.getState().files));
  }, [build]);

  // Each error's plain-words explanation and fix, under its line: readable without hovering.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    return showExplanations(editor, build?.diagnostics ?? [], activeFile);
  }, [build, activeFile, workspaceSerial, classroom]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    editor.setModel(monaco.editor.getModel(modelUri(reveal.file)));
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
    editor.focus();
  }, [reveal]);

  useEffect(() => {
    monaco.editor.setTheme(monacoThemes[theme]);
  }, [theme]);

  // The statement each CPU with a packet in flight executes next, in that CPU's colour; the
  // followed CPU's line is kept in view.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    lineDecorations.current ??= editor.createDecorationsCollection();
    const lines = cpuLinesIn(editor.getModel()?.uri.path.slice(1) ?? "", cursor);
    lineDecorations.current.set(
      lines.map(({ cpu, line }) => {
        const classes = cpuLineClasses(cpu);
        return {
          range: new monaco.Range(line, 1, line, 1),
          options: {
            isWholeLine: true,
            className: classes.line,
            glyphMarginClassName: classes.glyph,
            glyphMarginHoverMessage: { value: `CPU ${cpu} runs this next` },
          },
        };
      }),
    );
    const followed = lines.find((l) => l.followed);
    if (followed) editor.revealLineInCenterIfOutsideViewport(followed.line);
  }, [cursor, activeFile]);

  // Breakpoints of the file on show: a red dot in the glyph margin, ringed when conditional.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    breakpointDecorations.current ??= editor.createDecorationsCollection();
    breakpointDecorations.current.set(
      breakpoints
        .filter((b) => b.file === activeFile)
        .map((b) => ({
          range: new monaco.Range(b.line, 1, b.line, 1),
          options: {
            glyphMarginClassName: b.condition ? "breakpoint-glyph conditional" : "breakpoint-glyph",
            glyphMarginHoverMessage: {
              value: b.condition ? `Breakpoint when \`${b.condition}\`` : "Breakpoint",
            },
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          },
        })),
    );
  }, [breakpoints, activeFile]);

  return <div ref={containerRef} className="source-editor nokey" data-testid="monaco-host" />;
}
