import type { BusyMark } from "./slices/session";

/** The mark's place in the browser's storage: small and written synchronously, so it is there if the page dies. */
const KEY = "tailscope.busy";

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled (private mode, a sandboxed frame)
  }
}

/**
 * The engine's busy mark in localStorage: set before a build or run, cleared when it ends. A
 * mark found on load means the last session ended in the middle of one (the tab crashed or was
 * killed), and the app opens in safe mode.
 */
export function storedBusyMark(): BusyMark {
  let leftOver: BusyMark["leftOver"] = null;
  try {
    const text = storage()?.getItem(KEY);
    const parsed = text ? (JSON.parse(text) as { task?: unknown; file?: unknown }) : null;
    if (parsed && typeof parsed.task === "string" && typeof parsed.file === "string")
      leftOver = { task: parsed.task, file: parsed.file };
  } catch {
    leftOver = null;
  }
  // Cleared at once: safe mode is for this load only, and the next one starts afresh.
  storage()?.removeItem(KEY);
  return {
    leftOver,
    begin(task, file) {
      try {
        storage()?.setItem(KEY, JSON.stringify({ task, file }));
      } catch {
        // No room to write the mark: the app works on, only without the crash-loop guard.
      }
    },
    end() {
      storage()?.removeItem(KEY);
    },
  };
}
