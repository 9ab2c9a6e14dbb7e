import { useEffect } from "react";
import { commandForKey, reservedKey } from "../state/commands";
import { useTailscope } from "../state/store";

/** Whether focus is where a key types text: a text field, or the code editor. */
function typingAt(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.closest) return false;
  if (element.closest(".monaco-editor, textarea, [contenteditable=''], [contenteditable='true']"))
    return true;
  const input = element.closest("input");
  return input !== null && !["button", "checkbox", "radio", "range", "submit"].includes(input.type);
}

/**
 * The app's one keyboard listener: every shortcut comes from the command registry. It listens
 * in the capture phase, so the debugger's keys work while the editor has focus, before the
 * editor (or a focused button, for Space) acts on them.
 */
export function useCommandKeys(): void {
  useEffect(() => {
    // A button activates on Space's key-up, not its key-down: a Space that played or paused
    // must not also press the focused button (a step, say) when the key comes up.
    let spaceTaken = false;
    const onKey = (event: KeyboardEvent) => {
      const state = useTailscope.getState();
      const found = commandForKey(event, typingAt(event.target), state);
      if (found) {
        event.preventDefault();
        event.stopPropagation();
        if (event.key === " ") spaceTaken = true;
        found.perform(state);
      } else if (reservedKey(event)) event.preventDefault();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key !== " " || !spaceTaken) return;
      spaceTaken = false;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    window.addEventListener("keyup", onKeyUp, { capture: true });
    return () => {
      window.removeEventListener("keydown", onKey, { capture: true });
      window.removeEventListener("keyup", onKeyUp, { capture: true });
    };
  }, []);
}
