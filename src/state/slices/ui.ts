import type { StateCreator } from "zustand";
import type { CursorState } from "../../engine";
import type { Question } from "../../lessons";
import { currentStop, tourOf } from "../derive/tour";
import type { TailscopeState } from "../store";
import type { Workspace } from "../workspace";

export type ThemeName = "dark" | "light";

/** Something to open that would replace unsaved edits: the user decides first. */
export interface PendingOpen {
  readonly workspace: Workspace;
  /** Where a share link's cursor stood. */
  readonly step: number | null;
}

/** A message for the user that is not a diagnostic: a broken link, a file that is not a scenario. */
export interface Notice {
  readonly kind: "error" | "info";
  readonly text: string;
  /** Something the notice offers to do: save the scenario as a file, when the browser would not. */
  readonly action?: "download-scenario";
}

/** A question holding a move until it is answered. */
export interface PendingQuestion {
  readonly question: Question;
  readonly landing: CursorState;
  readonly chosen: number | null;
}

export interface UiSlice {
  theme: ThemeName;
  setTheme: (theme: ThemeName) => void;
  /** Large type, graph and code side by side, a key legend: for a projector. */
  classroom: boolean;
  setClassroom: (on: boolean) => void;
  galleryOpen: boolean;
  setGalleryOpen: (open: boolean) => void;
  pendingOpen: PendingOpen | null;
  setPendingOpen: (pending: PendingOpen | null) => void;
  notice: Notice | null;
  setNotice: (notice: Notice | null) => void;
  /** The dialog listing every key, open or not. */
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  /** The guided tour's stop on show (an index into the lesson's tour), or null when no tour runs. */
  tourStop: number | null;
  setTourStop: (stop: number | null) => void;
  /**
   * Goes to a stop of the lesson's tour: its note and spotlight at once, the cursor where it
   * says (running the scenario first if it has not run). Stops asked for while that run goes
   * on are not lost: when it lands, the cursor goes to the stop on show then.
   */
  goToTourStop: (index: number) => Promise<void>;
  /** Lessons' questions are asked before their steps are shown (predict, then see). */
  askQuestions: boolean;
  setAskQuestions: (on: boolean) => void;
  /** A question waiting for its answer, with where the move it held will land; then the choice made. */
  pendingQuestion: PendingQuestion | null;
  /** The questions of this run answered already: each is asked once. */
  answeredQuestions: readonly string[];
  answerQuestion: (choice: number) => void;
  /** After the reveal: the held move lands. */
  continueAfterQuestion: () => void;
  /** The narration is also spoken aloud by the browser's speech synthesis. */
  speakNarration: boolean;
  setSpeakNarration: (on: boolean) => void;
}

function preferredTheme(): ThemeName {
  if (typeof window === "undefined" || !window.matchMedia) return "dark";
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

export const createUiSlice: StateCreator<TailscopeState, [], [], UiSlice> = (set, get) => ({
  theme: preferredTheme(),
  setTheme: (theme) => set({ theme }),
  classroom: false,
  // A projector reads dark-on-light best: classroom mode starts in the light theme.
  setClassroom: (classroom) => set(classroom ? { classroom, theme: "light" } : { classroom }),
  galleryOpen: false,
  setGalleryOpen: (galleryOpen) => set({ galleryOpen }),
  pendingOpen: null,
  setPendingOpen: (pendingOpen) => set({ pendingOpen }),
  notice: null,
  setNotice: (notice) => set({ notice }),
  helpOpen: false,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  tourStop: null,
  setTourStop: (tourStop) => set({ tourStop }),
  goToTourStop: async (index) => {
    const stops = tourOf(get());
    if (stops.length === 0) return;
    set({ tourStop: Math.max(0, Math.min(stops.length - 1, index)) });
    if (!currentStop(get())?.at) return;
    if (!get().session) {
      if (!get().build?.runnable || get().running) return;
      await get().runScenario();
    }
    const stop = currentStop(get());
    if (stop?.at) await get().locateCursor(stop.at.packet, stop.at.hop);
  },
  // Off until a student asks for them: a quiz must not interrupt someone debugging the seed.
  askQuestions: false,
  setAskQuestions: (askQuestions) => set({ askQuestions }),
  pendingQuestion: null,
  answeredQuestions: [],
  answerQuestion: (choice) => {
    const pending = get().pendingQuestion;
    if (pending && pending.chosen === null) set({ pendingQuestion: { ...pending, chosen: choice } });
  },
  continueAfterQuestion: () => {
    const pending = get().pendingQuestion;
    if (!pending) return;
    set((state) => ({
      pendingQuestion: null,
      answeredQuestions: [...state.answeredQuestions, pending.question.id],
      cursor: pending.landing,
      previousCursor: state.cursor,
    }));
  },
  speakNarration: false,
  setSpeakNarration: (speakNarration) => set({ speakNarration }),
});
