import { useTailscope } from "../../state/store";
import { CommandButton } from "../common/CommandButton";
import { Modal } from "../common/Modal";
import { KeyLegend } from "./KeyLegend";

/** "?" (outside the editor) or the Keys button: every shortcut, in a dialog. */
export function HelpOverlay() {
  const open = useTailscope((s) => s.helpOpen);
  const setHelpOpen = useTailscope((s) => s.setHelpOpen);
  return (
    <>
      <CommandButton id="help" testId="btn-help" text="Keys" />
      {open && (
        <Modal title="Keyboard shortcuts" testId="help-overlay" onClose={() => setHelpOpen(false)}>
          <KeyLegend />
        </Modal>
      )}
    </>
  );
}
