import { hoverValues } from "../../state/derive/editor";
import { useTailscope } from "../../state/store";
import { monaco } from "./monaco";

let registered = false;

/** Hovering a variable while stepping shows its value at the cursor (see hoverValues). */
export function registerValueHover(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerHoverProvider("c", {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      const cursor = useTailscope.getState().cursor;
      if (!word || !cursor) return null;
      const lines = hoverValues(cursor, model.uri.path.slice(1), word.word);
      if (lines.length === 0) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [{ value: `At step ${cursor.step}` }, ...lines.map((value) => ({ value }))],
      };
    },
  });
}
