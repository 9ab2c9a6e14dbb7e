import { useTailscope } from "../../state/store";

/**
 * After a session that ended in the middle of a build or run (a crash, a tab that died): the
 * sources are shown as they were saved, and nothing is built until the user asks.
 */
export function SafeModeBanner() {
  const safeMode = useTailscope((s) => s.safeMode);
  const buildNow = useTailscope((s) => s.buildNow);
  if (!safeMode) return null;
  return (
    <div className="notice notice-info" role="status" data-testid="safe-mode">
      <span>
        Tailscope closed in the middle of a {safeMode.task} of {safeMode.file} last time. Your work is here;
        nothing is built or run until you ask, so that input cannot stop the app again.
      </span>
      <button type="button" className="toolbar-button" data-testid="btn-build-now" onClick={buildNow}>
        Build now
      </button>
    </div>
  );
}
