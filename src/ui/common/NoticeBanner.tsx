import { useTailscope } from "../../state/store";

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
      <button type="button" className="toolbar-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
        ✕
      </button>
    </div>
  );
}
