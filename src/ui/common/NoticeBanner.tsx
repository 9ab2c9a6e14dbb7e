import { useTailscope, workspaceOf } from "../../state/store";
import { downloadScenario } from "../share/downloads";

/** A message that is not a diagnostic (a broken link, a file that is not a scenario), until dismissed. */
export function NoticeBanner() {
  const notice = useTailscope((s) => s.notice);
  const setNotice = useTailscope((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === "error" ? "alert" : "status"}
      data-testid="notice"
    >
      <span>{notice.text}</span>
      {notice.action === "download-scenario" && (
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-notice-download"
          onClick={() => downloadScenario(workspaceOf(useTailscope.getState()))}
        >
          Download the scenario
        </button>
      )}
      <button type="button" className="toolbar-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
        ✕
      </button>
    </div>
  );
}
