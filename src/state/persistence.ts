import { lessonById } from "../lessons";
import { sameWork, scenarioFileOf, type Workspace, workspaceFromScenario } from "./workspace";

/** Where the browser keeps the user's work between visits. */
const STORAGE_KEY = "tailscope.workspace";
/** The work a user chose to keep when opening something else (one slot). */
const KEPT_KEY = "tailscope.kept";
/** After the last keystroke: often enough that a reload loses nothing typed a moment before. */
export const SAVE_DELAY_MS = 250;

interface Saved {
  readonly lessonId: string | null;
  /** The workspace as it was opened, to tell edits from the original. */
  readonly origin: Record<string, unknown>;
  readonly current: Record<string, unknown>;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled (private mode, a sandboxed frame)
  }
}

function read(key: string): Saved | null {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as Saved) : null;
  } catch {
    return null;
  }
}

function restore(saved: Saved | null): { current: Workspace; origin: Workspace } | null {
  if (!saved) return null;
  const current = workspaceFromScenario(saved.current, saved.lessonId);
  const origin = workspaceFromScenario(saved.origin, saved.lessonId);
  if (!current.ok || !origin.ok) return null;
  return { current: current.workspace, origin: origin.workspace };
}

/** The workspace as opened: a lesson's own files, or what a link or a file brought. */
let origin: Workspace | null = null;

/** The work saved by the last visit, if any (and valid), restored as the user left it. */
export function initialWorkspace(): Workspace | null {
  const restored = restore(read(STORAGE_KEY));
  if (!restored) return null;
  origin = restored.origin;
  return restored.current;
}

/** Remembers what was just opened, so later edits count as the user's own work. */
export function markOpened(workspace: Workspace): void {
  origin = workspace;
  save(workspace);
}

/** Whether the workspace holds edits made since it was opened (what a replacement would lose). */
export function hasUnsavedEdits(workspace: Workspace): boolean {
  const opened = origin ?? lessonOrigin(workspace);
  return opened === null || !sameWork(opened, workspace);
}

function lessonOrigin(workspace: Workspace): Workspace | null {
  const lesson = workspace.lessonId ? lessonById(workspace.lessonId) : undefined;
  if (!lesson) return null;
  return {
    title: lesson.title,
    lessonId: lesson.id,
    files: lesson.files,
    main: lesson.main,
    settings: lesson.settings,
  };
}

export function save(workspace: Workspace): void {
  write(STORAGE_KEY, workspace, origin ?? lessonOrigin(workspace) ?? workspace);
}

function write(key: string, workspace: Workspace, opened: Workspace): void {
  const saved: Saved = {
    lessonId: workspace.lessonId,
    origin: scenarioFileOf(opened),
    current: scenarioFileOf(workspace),
  };
  try {
    storage()?.setItem(key, JSON.stringify(saved));
  } catch {
    // Quota exceeded: the work stays in memory; the next save tries again.
  }
}

/** Puts the current work aside before something replaces it; `keptWork` gives it back. */
export function keepWork(workspace: Workspace): void {
  write(KEPT_KEY, workspace, origin ?? workspace);
}

export function keptWork(): Workspace | null {
  return restore(read(KEPT_KEY))?.current ?? null;
}
