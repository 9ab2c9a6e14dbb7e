import { type Lesson, lessonById } from "../lessons";
import {
  hasUnsavedEdits,
  keepWork,
  keptWork,
  markOpened,
  SAVE_DELAY_MS,
  StorageFailure,
  save,
} from "./persistence";
import { readShareFragment } from "./share-link";
import { useTailscope, workspaceOf } from "./store";
import { sameWork, type Workspace, workspaceFromScenario } from "./workspace";

export function lessonWorkspace(lesson: Lesson): Workspace {
  return {
    title: lesson.title,
    lessonId: lesson.id,
    files: lesson.files,
    main: lesson.main,
    settings: lesson.settings,
  };
}

/** A save that failed: the app says so at once, and offers the scenario as a file instead. */
function saveFailed(error: unknown, what: string): void {
  const why = error instanceof StorageFailure ? error.message : String(error);
  useTailscope.getState().setNotice({
    kind: "error",
    text: `${what} could not be saved in this browser: ${why}. Download the scenario to keep it.`,
    action: "download-scenario",
  });
}

/**
 * Opens a workspace (a lesson, a link, a file). When that would replace edits the user has not
 * put anywhere, it asks first (see `resolvePendingOpen`): nothing is ever silently overwritten.
 */
export function openWorkspace(next: Workspace, step: number | null = null): void {
  const current = workspaceOf(useTailscope.getState());
  if (hasUnsavedEdits(current) && !sameWork(current, next)) {
    useTailscope.getState().setPendingOpen({ workspace: next, step });
    return;
  }
  replaceWorkspace(next, step);
}

function replaceWorkspace(next: Workspace, step: number | null): void {
  const state = useTailscope.getState();
  state.loadWorkspace(next);
  markOpened(next).catch((error) => saveFailed(error, "The workspace"));
  state.setGalleryOpen(false);
  state.setPendingOpen(null);
  // A link's cursor: the build that follows runs the scenario and seeks there.
  if (step !== null) useTailscope.setState({ resumeAt: { step } });
}

/**
 * The user's answer to "this replaces your edits". Keeping them aside must succeed before
 * anything replaces them: if the browser refuses to store them, nothing is opened, and the app
 * says why.
 */
export async function resolvePendingOpen(choice: "keep-aside" | "discard" | "cancel"): Promise<void> {
  const state = useTailscope.getState();
  const pending = state.pendingOpen;
  state.setPendingOpen(null);
  if (!pending || choice === "cancel") return;
  if (choice === "keep-aside") {
    try {
      await keepWork(workspaceOf(state));
    } catch (error) {
      const why = error instanceof StorageFailure ? error.message : String(error);
      state.setNotice({
        kind: "error",
        text: `Your work could not be put aside (${why}), so nothing was opened over it. Download the scenario, then open the other one.`,
        action: "download-scenario",
      });
      return;
    }
  }
  replaceWorkspace(pending.workspace, pending.step);
}

export function openLesson(id: string): void {
  const lesson = lessonById(id);
  if (lesson) openWorkspace(lessonWorkspace(lesson));
}

/** The work put aside when something replaced it, back in the editor. */
export async function restoreKeptWork(): Promise<void> {
  const kept = await keptWork();
  if (kept) openWorkspace(kept);
}

/** A share link in the page's address: opened (asking first if needed), or a clear message. */
export function openFromFragment(fragment: string): void {
  if (!fragment || fragment === "#") return;
  const view = readShareFragment(fragment);
  if (!view.ok) {
    useTailscope.getState().setNotice({ kind: "error", text: view.error });
    return;
  }
  openWorkspace(view.workspace, view.step);
}

/** A scenario file chosen by the user, validated; errors name the field. */
export function importScenario(text: string, fileName: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    useTailscope.getState().setNotice({
      kind: "error",
      text: `${fileName} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
    return;
  }
  const result = workspaceFromScenario(value);
  if (!result.ok) {
    useTailscope
      .getState()
      .setNotice({ kind: "error", text: `${fileName} is not a valid scenario: ${result.errors.join("; ")}` });
    return;
  }
  openWorkspace(result.workspace);
}

/** Saves the workspace shortly after every change, and at once when the page goes away. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failed = false;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    save(workspaceOf(useTailscope.getState())).then(
      () => {
        // A save that works again clears the notice a failed one left.
        if (failed && useTailscope.getState().notice?.action === "download-scenario")
          useTailscope.getState().setNotice(null);
        failed = false;
      },
      (error) => {
        failed = true;
        saveFailed(error, "Your edits");
      },
    );
  };
  const unsubscribe = useTailscope.subscribe((state, previous) => {
    const changed =
      state.files !== previous.files ||
      state.main !== previous.main ||
      state.cpus !== previous.cpus ||
      state.packets !== previous.packets ||
      state.control !== previous.control ||
      state.schedule !== previous.schedule ||
      state.attach !== previous.attach ||
      state.logpoints !== previous.logpoints;
    if (!changed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  });
  window.addEventListener("pagehide", flush);
  return () => {
    unsubscribe();
    window.removeEventListener("pagehide", flush);
    if (timer) clearTimeout(timer);
  };
}
