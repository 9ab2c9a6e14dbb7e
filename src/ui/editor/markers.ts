import type { Diagnostic } from "../../engine";
import { monaco } from "./monaco";

const MARKER_OWNER = "tailscope";

const severities = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  note: monaco.MarkerSeverity.Info,
} as const;

/** Diagnostics with a fix, by the marker they became, for the quick-fix provider. */
const fixesByMarker = new Map<string, Diagnostic>();

function markerKey(file: string, line: number, column: number, message: string): string {
  return `${file}:${line}:${column}:${message}`;
}

function modelFor(file: string) {
  return monaco.editor.getModel(monaco.Uri.parse(`file:///${file}`));
}

/** Shows every stage's diagnostics as Monaco markers on the file each one is about. */
export function showDiagnostics(diagnostics: readonly Diagnostic[], files: readonly string[]): void {
  fixesByMarker.clear();
  for (const file of files) {
    const model = modelFor(file);
    if (!model) continue;
    const markers = diagnostics
      .filter((d) => d.file === file)
      .map((d) => {
        if (d.fix) fixesByMarker.set(markerKey(file, d.line, d.column, d.message), d);
        const endColumn = d.endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn;
        return {
          severity: severities[d.severity],
          message: d.explanation ? `${d.message}\n${d.explanation}` : d.message,
          source: d.stage,
          startLineNumber: d.line,
          startColumn: d.column,
          endLineNumber: d.endLine,
          endColumn,
        };
      });
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  }
}

let registered = false;

/** Offers each diagnostic's fix as a quick fix (Ctrl+. on the marker). */
export function registerQuickFixes(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCodeActionProvider("c", {
    provideCodeActions(model, _range, context) {
      const file = model.uri.path.slice(1);
      const actions = context.markers.flatMap((marker) => {
        const message = marker.message.split("\n")[0];
        const diagnostic = fixesByMarker.get(
          markerKey(file, marker.startLineNumber, marker.startColumn, message),
        );
        if (!diagnostic?.fix) return [];
        const edits = diagnostic.fix.edits.map((edit) => ({
          resource: monaco.Uri.parse(`file:///${edit.file}`),
          versionId: undefined,
          textEdit: {
            range: new monaco.Range(edit.line, edit.column, edit.endLine, edit.endColumn),
            text: edit.text,
          },
        }));
        return [
          {
            title: diagnostic.fix.title,
            kind: "quickfix",
            diagnostics: [marker],
            edit: { edits },
            isPreferred: true,
          },
        ];
      });
      return { actions, dispose() {} };
    },
  });
}
