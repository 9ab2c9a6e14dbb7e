import { create } from "zustand";
import { defaultLesson } from "../lessons";

export type ThemeName = "dark" | "light";

export interface SourceSlice {
  /** The scenario's source files by name; the editor writes here on every keystroke. */
  files: Record<string, string>;
  /** The .c file the build starts from. */
  main: string;
  /** The file shown in the editor. */
  activeFile: string;
  setFileText: (name: string, text: string) => void;
  openFile: (name: string) => void;
}

export interface UiSlice {
  theme: ThemeName;
  setTheme: (theme: ThemeName) => void;
}

export type TailscopeState = SourceSlice & UiSlice;

function preferredTheme(): ThemeName {
  if (typeof window === "undefined" || !window.matchMedia) return "dark";
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

export const useTailscope = create<TailscopeState>()((set) => ({
  files: { ...defaultLesson.files },
  main: defaultLesson.main,
  activeFile: defaultLesson.main,
  setFileText: (name, text) => set((state) => ({ files: { ...state.files, [name]: text } })),
  openFile: (name) => set({ activeFile: name }),
  theme: preferredTheme(),
  setTheme: (theme) => set({ theme }),
}));
