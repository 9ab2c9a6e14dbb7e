/**
 * What a person did in the first screen's light source view before Monaco arrived: where they
 * clicked and what they typed. Monaco takes it once, on its first mount, so no click or keystroke
 * made while it loaded is lost.
 */
export interface EditorIntent {
  readonly file: string;
  /** 1-based, as Monaco counts. */
  readonly line: number;
  readonly column: number;
  readonly typed: string;
}

let pending: EditorIntent | null = null;

export function placeCaret(file: string, line: number, column: number): void {
  pending = { file, line, column, typed: pending?.file === file ? pending.typed : "" };
}

/** Keeps a typed character (or a newline) for Monaco to insert at the caret. */
export function typeAhead(file: string, text: string): void {
  const base = pending?.file === file ? pending : { file, line: 1, column: 1, typed: "" };
  pending = { ...base, typed: base.typed + text };
}

/** Backspace before Monaco: forgets the last character typed ahead, if any. */
export function eraseTypedAhead(): void {
  if (pending && pending.typed.length > 0) pending = { ...pending, typed: pending.typed.slice(0, -1) };
}

export function takeIntent(): EditorIntent | null {
  const taken = pending;
  pending = null;
  return taken;
}
