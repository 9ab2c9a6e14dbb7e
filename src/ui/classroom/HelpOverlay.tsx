import { useEffect, useState } from "react";
import { Modal } from "../common/Modal";
import { KeyLegend } from "./KeyLegend";

/** "?" (outside the editor) or the Keys button: every shortcut, in a dialog. */
export function HelpOverlay() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, .monaco-editor, [contenteditable]")) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-help"
        aria-keyshortcuts="?"
        onClick={() => setOpen(true)}
      >
        Keys
      </button>
      {open && (
        <Modal title="Keyboard shortcuts" testId="help-overlay" onClose={() => setOpen(false)}>
          <KeyLegend />
        </Modal>
      )}
    </>
  );
}
