import type { StateCreator } from "zustand";
import type { TailscopeState } from "../store";
import { dropRun } from "./session";

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
  /** The editor's caret, where F9 sets a breakpoint; null while the editor does not have focus. */
  caret: { readonly file: string; readonly line: number } | null;
  setCaret: (caret: { readonly file: string; readonly line: number } | null) => void;
  setFileText: (name: string, text: string) => void;
  openFile: (name: string) => void;
  revealLocation: (file: string, line: number, column: number) => void;
}

export const createSourceSlice: StateCreator<
  TailscopeState,
  [],
  [],
  Omit<SourceSlice, "files" | "main" | "activeFile">
> = (set) => ({
  reveal: null,
  caret: null,
  setCaret: (caret) => set({ caret }),
  // An edit drops the run; the next build re-runs it and brings the cursor back.
  setFileText: (name, text) =>
    set((state) => ({ files: { ...state.files, [name]: text }, ...dropRun(state) })),
  openFile: (name) => set({ activeFile: name }),
  revealLocation: (file, line, column) =>
    set((state) => ({
      activeFile: file,
      reveal: { file, line, column, serial: (state.reveal?.serial ?? 0) + 1 },
    })),
});
