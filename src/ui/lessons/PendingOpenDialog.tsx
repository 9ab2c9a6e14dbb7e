import { resolvePendingOpen } from "../../state/open-workspace";
import { useTailscope } from "../../state/store";
import { Modal } from "../common/Modal";

/** Asked before a lesson, link or file replaces edits the user has not put anywhere. */
export function PendingOpenDialog() {
  const pending = useTailscope((s) => s.pendingOpen);
  const title = useTailscope((s) => s.title);
  if (!pending) return null;
  return (
    <Modal title="Keep your edits?" testId="unsaved-dialog" onClose={() => void resolvePendingOpen("cancel")}>
      <p>
        You have edited “{title}”. Opening “{pending.workspace.title}” replaces what is in the editor.
      </p>
      <div className="modal-actions">
        <button
          type="button"
          className="toolbar-button primary"
          data-testid="btn-keep-aside"
          onClick={() => void resolvePendingOpen("keep-aside")}
        >
          Keep my edits aside and open it
        </button>
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-discard"
          onClick={() => void resolvePendingOpen("discard")}
        >
          Discard my edits
        </button>
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-cancel-open"
          onClick={() => void resolvePendingOpen("cancel")}
        >
          Stay here
        </button>
      </div>
      <p className="modal-note">Work kept aside can be restored from the Lessons window.</p>
    </Modal>
  );
}
