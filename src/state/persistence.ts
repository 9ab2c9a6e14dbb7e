import { createStore, get, set, type UseStore } from "idb-keyval";
import { lessonById } from "../lessons";
import { sameWork, scenarioFileOf, type Workspace, workspaceFromScenario } from "./workspace";

/**
 * The user's work, kept in the browser's IndexedDB (through idb-keyval): room for tens of
 * megabytes, where localStorage holds about five million characters per site and a larger
 * workspace was silently never saved. One copy of the work, plus what tells edits apart from
 * what was opened: a lesson's id, or a hash of the scenario opened.
 */
const WORKSPACE = "workspace";
/** The work a user chose to keep when opening something else (one slot). */
const KEPT = "kept";
/** After the last keystroke: often enough that a reload loses nothing typed a moment before. */
export const SAVE_DELAY_MS = 250;

/** What localStorage held before (Tailscope up to this version): moved over on first load. */
const LEGACY_KEYS = { workspace: "tailscope.workspace", kept: "tailscope.kept" } as const;

interface Saved {
  readonly version: 1;
  readonly lessonId: string | null;
  /** The scenario file of contract.md §1. */
  readonly scenario: Record<string, unknown>;
  /** A hash of the scenario as it was opened (null: a lesson, compared with its own files). */
  readonly openedHash: string | null;
}

/** Reading or writing the browser's storage failed: why, for the notice. */
export class StorageFailure extends Error {}

let database: UseStore | null = null;

function store(): UseStore {
  if (typeof indexedDB === "undefined") throw new StorageFailure("this browser has no IndexedDB");
  database ??= createStore("tailscope", "work");
  return database;
}

/** A short, stable fingerprint of a workspace's scenario: enough to tell an edit from the original. */
export function fingerprint(workspace: Workspace): string {
  const text = JSON.stringify(scenarioFileOf(workspace));
  // FNV-1a, 32 bits twice over different halves of the state, as hex.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x811c9dc5) >>> 0;
  }
  return `${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}:${text.length}`;
}

function lessonWorkspaceOf(lessonId: string | null): Workspace | null {
  const lesson = lessonId ? lessonById(lessonId) : undefined;
  if (!lesson) return null;
  return {
    title: lesson.title,
    lessonId: lesson.id,
    files: lesson.files,
    main: lesson.main,
    settings: lesson.settings,
  };
}

/** What a workspace was opened as: its lesson (when it still is one of the lesson's) or its fingerprint. */
let opened: { readonly lessonId: string | null; readonly hash: string | null } | null = null;

function savedOf(workspace: Workspace, origin: { lessonId: string | null; hash: string | null }): Saved {
  return {
    version: 1,
    lessonId: workspace.lessonId,
    scenario: scenarioFileOf(workspace),
    openedHash: origin.hash,
  };
}

function workspaceOf(saved: unknown): { workspace: Workspace; origin: typeof opened } | null {
  if (typeof saved !== "object" || saved === null) return null;
  const { lessonId, scenario, openedHash } = saved as Partial<Saved>;
  const id = typeof lessonId === "string" ? lessonId : null;
  const result = workspaceFromScenario(scenario, id);
  if (!result.ok) return null;
  return {
    workspace: result.workspace,
    origin: { lessonId: id, hash: typeof openedHash === "string" ? openedHash : null },
  };
}

/**
 * The work saved by the last visit, if any (and valid), restored as the user left it. Work that
 * an earlier version kept in localStorage is moved over first.
 */
export async function loadSavedWorkspace(): Promise<Workspace | null> {
  try {
    await migrateFromLocalStorage();
    const restored = workspaceOf(await get(WORKSPACE, store()));
    if (!restored) return null;
    opened = restored.origin;
    return restored.workspace;
  } catch {
    return null; // storage unreadable: start from the default lesson, and say so when saving fails
  }
}

/** Remembers what was just opened, so later edits count as the user's own work, and saves it. */
export function markOpened(workspace: Workspace): Promise<void> {
  opened = lessonWorkspaceOf(workspace.lessonId)
    ? { lessonId: workspace.lessonId, hash: null }
    : { lessonId: null, hash: fingerprint(workspace) };
  return save(workspace);
}

/** Whether the workspace holds edits made since it was opened (what a replacement would lose). */
export function hasUnsavedEdits(workspace: Workspace): boolean {
  const origin = opened ?? { lessonId: workspace.lessonId, hash: null };
  if (origin.hash !== null) return origin.hash !== fingerprint(workspace);
  const lesson = lessonWorkspaceOf(origin.lessonId);
  return lesson === null || !sameWork(lesson, workspace);
}

/** Saves the work; rejects with a StorageFailure that says why when the browser refuses. */
export async function save(workspace: Workspace): Promise<void> {
  await put(WORKSPACE, savedOf(workspace, opened ?? { lessonId: workspace.lessonId, hash: null }));
}

/**
 * Puts the current work aside before something replaces it; resolves once it is stored, and
 * rejects (nothing may replace it then) when the browser refuses.
 */
export async function keepWork(workspace: Workspace): Promise<void> {
  await put(KEPT, savedOf(workspace, opened ?? { lessonId: null, hash: fingerprint(workspace) }));
}

/** The work put aside, if any. */
export async function keptWork(): Promise<Workspace | null> {
  try {
    return workspaceOf(await get(KEPT, store()))?.workspace ?? null;
  } catch {
    return null;
  }
}

async function put(key: string, value: Saved): Promise<void> {
  try {
    await set(key, value, store());
  } catch (error) {
    if (error instanceof StorageFailure) throw error;
    const name = error instanceof Error || error instanceof DOMException ? error.name : "";
    throw new StorageFailure(
      name === "QuotaExceededError"
        ? "the browser's storage for this site is full"
        : `the browser refused to store it (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Workspaces an earlier version kept in localStorage, moved to IndexedDB once. */
async function migrateFromLocalStorage(): Promise<void> {
  let local: Storage;
  try {
    if (typeof localStorage === "undefined") return;
    local = localStorage;
  } catch {
    return;
  }
  for (const [which, key] of [
    [WORKSPACE, LEGACY_KEYS.workspace],
    [KEPT, LEGACY_KEYS.kept],
  ] as const) {
    const text = local.getItem(key);
    if (!text) continue;
    try {
      const legacy = JSON.parse(text) as { lessonId?: string | null; origin?: unknown; current?: unknown };
      const current = workspaceFromScenario(legacy.current, legacy.lessonId ?? null);
      const origin = workspaceFromScenario(legacy.origin, legacy.lessonId ?? null);
      if (current.ok && (await get(which, store())) === undefined) {
        const lessonOrigin = origin.ok && lessonWorkspaceOf(origin.workspace.lessonId);
        await put(which, {
          version: 1,
          lessonId: current.workspace.lessonId,
          scenario: scenarioFileOf(current.workspace),
          openedHash: lessonOrigin || !origin.ok ? null : fingerprint(origin.workspace),
        });
      }
    } catch {
      // An unreadable old copy is dropped; the new store starts without it.
    }
    local.removeItem(key);
  }
}
