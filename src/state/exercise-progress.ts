/** Where the app keeps which exercises are done, per lesson: small, in the browser's local storage. */
const KEY = "tailscope.exercises";

type Progress = Record<string, string[]>;

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled: progress lasts as long as the page
  }
}

export function readProgress(): Progress {
  try {
    const parsed = JSON.parse(storage()?.getItem(KEY) ?? "{}") as unknown;
    if (typeof parsed !== "object" || parsed === null) return {};
    const progress: Progress = {};
    for (const [lesson, done] of Object.entries(parsed))
      if (Array.isArray(done)) progress[lesson] = done.filter((id): id is string => typeof id === "string");
    return progress;
  } catch {
    return {};
  }
}

/** Marks an exercise done; returns the progress as it now is. */
export function markDone(lesson: string, exercise: string): Progress {
  const progress = readProgress();
  progress[lesson] = [...new Set([...(progress[lesson] ?? []), exercise])];
  try {
    storage()?.setItem(KEY, JSON.stringify(progress));
  } catch {
    // No room: the exercise still shows done until the page closes.
  }
  return progress;
}

/** Forgets every exercise done. */
export function resetProgress(): Progress {
  storage()?.removeItem(KEY);
  return {};
}
