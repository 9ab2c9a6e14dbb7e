import { create } from "zustand";
import type { BuildSummary } from "../engine";
import { defaultLesson } from "../lessons";

export type ThemeName = "dark" | "light";

/** A place in the source the editor should show (from a click in the problems list or the graph). */
export interface RevealRequest {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Changes on every request, so asking twice for the same place still moves the editor. */
  readonly serial: number;
}

export interface SourceSlice {
  /** The scenario's source files by name; the editor writes here on every keystroke. */
  files: Record<string, string>;
  /** The .c file the build starts from. */
  main: string;
  /** The file shown in the editor. */
  activeFile: string;
  reveal: RevealRequest | null;
  setFileText: (name: string, text: string) => void;
  openFile: (name: string) => void;
  revealLocation: (file: string, line: number, column: number) => void;
}

export interface BuildSlice {
  /** The latest finished build of the current sources (null until the first one ends). */
  build: BuildSummary | null;
  building: boolean;
  setBuilding: (building: boolean) => void;
  setBuild: (build: BuildSummary) => void;
}

export interface ScenarioSlice {
  cpus: number;
  setCpus: (cpus: number) => void;
}

export interface UiSlice {
  theme: ThemeName;
  setTheme: (theme: ThemeName) => void;
}

export type TailscopeState = SourceSlice & BuildSlice & ScenarioSlice & UiSlice;

function preferredTheme(): ThemeName {
  if (typeof window === "undefined" || !window.matchMedia) return "dark";
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

export const useTailscope = create<TailscopeState>()((set) => ({
  files: { ...defaultLesson.files },
  main: defaultLesson.main,
  activeFile: defaultLesson.main,
  reveal: null,
  setFileText: (name, text) => set((state) => ({ files: { ...state.files, [name]: text } })),
  openFile: (name) => set({ activeFile: name }),
  revealLocation: (file, line, column) =>
    set((state) => ({
      activeFile: file,
      reveal: { file, line, column, serial: (state.reveal?.serial ?? 0) + 1 },
    })),

  build: null,
  building: false,
  setBuilding: (building) => set({ building }),
  setBuild: (build) => set({ build, building: false }),

  cpus: 2,
  setCpus: (cpus) => set({ cpus: Math.max(1, Math.min(64, Math.round(cpus))) }),

  theme: preferredTheme(),
  setTheme: (theme) => set({ theme }),
}));
