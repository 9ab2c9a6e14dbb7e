import type { Move } from "../engine";
import { followedMove } from "./derive/moves";
import { tourOf } from "./derive/tour";
import type { TailscopeState } from "./store";

/** A key that performs a command, as `KeyboardEvent.key` names it, with its modifiers. */
export interface KeyBinding {
  readonly key: string;
  readonly shift?: boolean;
  readonly ctrl?: boolean;
  readonly alt?: boolean;
}

/**
 * Where focus may be for a command's key to work. `anywhere`: the function keys and Alt
 * combinations a debugger has, which also work while the code editor has focus; `not-typing`:
 * keys that are text when typed (Space, ?), which work anywhere but in a text field or the editor.
 */
export type KeyScope = "anywhere" | "not-typing";

export type CommandId =
  | "run"
  | "continue"
  | "reverse-continue"
  | "to-start"
  | "to-end"
  | "step-over"
  | "step-back"
  | "step-into"
  | "step-out"
  | "next-hop"
  | "previous-hop"
  | "next-packet"
  | "previous-packet"
  | "play-pause"
  | "presenter-next"
  | "presenter-back"
  | "tour-next"
  | "tour-back"
  | "cancel-run"
  | "toggle-breakpoint"
  | "classroom"
  | "help";

/**
 * One thing a user can do, behind a button, a key and the key legend alike (excalidraw's
 * actions): what it is called, what it does in a few words, its keys, whether it can be done
 * now, and doing it.
 */
export interface Command {
  readonly id: CommandId;
  /** A button's accessible name, e.g. "Step over". */
  readonly label: string;
  /** For the key legend, e.g. "step over". */
  readonly does: string;
  readonly keys: readonly KeyBinding[];
  readonly scope: KeyScope;
  enabled(state: TailscopeState): boolean;
  /** Whether its keys perform it now, when that is narrower than `enabled` (F5 runs only before a run). */
  keyEnabled?(state: TailscopeState): boolean;
  perform(state: TailscopeState): void;
}

const recorded = (state: TailscopeState) => state.session !== null;

/** A cursor move, shaped by the CPU focus (see followedMove). */
function move(m: Move): Pick<Command, "enabled" | "perform"> {
  return {
    enabled: recorded,
    perform: (state) => void state.moveCursor(followedMove(m, state)),
  };
}

/** Every command of the app, in the order the key legend lists them. */
export const commands: readonly Command[] = [
  {
    id: "run",
    label: "Run",
    does: "run",
    keys: [{ key: "F5" }],
    scope: "anywhere",
    enabled: (state) => !state.running && (state.build?.runnable ?? false),
    // F5 runs until there is a run to step through; then it continues to the next breakpoint.
    keyEnabled: (state) => !recorded(state) && !state.running && (state.build?.runnable ?? false),
    perform: (state) => void state.runScenario(),
  },
  {
    id: "continue",
    label: "Continue to the next breakpoint",
    does: "or continue to the next breakpoint",
    keys: [{ key: "F5" }],
    scope: "anywhere",
    enabled: recorded,
    perform: (state) => void state.continueRun(1),
  },
  {
    id: "reverse-continue",
    label: "Back to the previous breakpoint",
    does: "back to the previous breakpoint",
    keys: [],
    scope: "anywhere",
    enabled: recorded,
    perform: (state) => void state.continueRun(-1),
  },
  {
    id: "to-start",
    label: "Back to the start",
    does: "back to the start",
    keys: [{ key: "F5", shift: true }],
    scope: "anywhere",
    enabled: recorded,
    perform: (state) => void state.seekCursor(0),
  },
  {
    id: "to-end",
    label: "To the end",
    does: "to the end",
    keys: [{ key: "F5", ctrl: true }],
    scope: "anywhere",
    enabled: recorded,
    perform: (state) => void state.seekCursor(state.session?.totalSteps ?? 0),
  },
  {
    id: "step-over",
    label: "Step over",
    does: "step over",
    keys: [{ key: "F10" }],
    scope: "anywhere",
    ...move({ kind: "over", direction: 1 }),
  },
  {
    id: "step-back",
    label: "Step back",
    does: "step back",
    keys: [{ key: "F10", shift: true }],
    scope: "anywhere",
    ...move({ kind: "over", direction: -1 }),
  },
  {
    id: "step-into",
    label: "Step into",
    does: "step into",
    keys: [{ key: "F11" }],
    scope: "anywhere",
    ...move({ kind: "step", direction: 1 }),
  },
  {
    id: "step-out",
    label: "Step out",
    does: "step out",
    keys: [{ key: "F11", shift: true }],
    scope: "anywhere",
    ...move({ kind: "out", direction: 1 }),
  },
  {
    id: "next-hop",
    label: "Next tail call",
    does: "next tail call",
    keys: [{ key: "F7" }],
    scope: "anywhere",
    ...move({ kind: "hop", direction: 1 }),
  },
  {
    id: "previous-hop",
    label: "Previous tail call",
    does: "previous tail call",
    keys: [{ key: "F7", shift: true }],
    scope: "anywhere",
    ...move({ kind: "hop", direction: -1 }),
  },
  {
    id: "next-packet",
    label: "Next packet",
    does: "next packet",
    keys: [{ key: "F8" }],
    scope: "anywhere",
    ...move({ kind: "packet", direction: 1 }),
  },
  {
    id: "previous-packet",
    label: "Previous packet",
    does: "previous packet",
    keys: [{ key: "F8", shift: true }],
    scope: "anywhere",
    ...move({ kind: "packet", direction: -1 }),
  },
  {
    id: "play-pause",
    label: "Play",
    does: "play / pause",
    keys: [{ key: " " }],
    scope: "not-typing",
    enabled: recorded,
    perform: (state) => state.setPlaying(!state.playing),
  },
  {
    id: "presenter-next",
    label: "Next (presenter)",
    does: "classroom: on by the play unit",
    keys: [{ key: "PageDown" }],
    scope: "not-typing",
    enabled: recorded,
    // What a presentation remote sends: only in classroom mode, where nothing else scrolls by it.
    keyEnabled: (state) => state.classroom && recorded(state),
    perform: (state) => void state.moveCursor(followedMove({ kind: state.playBy, direction: 1 }, state)),
  },
  {
    id: "presenter-back",
    label: "Back (presenter)",
    does: "classroom: back by the play unit",
    keys: [{ key: "PageUp" }],
    scope: "not-typing",
    enabled: recorded,
    keyEnabled: (state) => state.classroom && recorded(state),
    perform: (state) => void state.moveCursor(followedMove({ kind: state.playBy, direction: -1 }, state)),
  },
  {
    id: "tour-next",
    label: "Next stop",
    does: "the lesson's tour: next stop",
    keys: [{ key: "t", alt: true }],
    scope: "anywhere",
    enabled: (state) => (state.tourStop ?? -1) + 1 < tourOf(state).length,
    perform: (state) => void state.goToTourStop((state.tourStop ?? -1) + 1),
  },
  {
    id: "tour-back",
    label: "Previous stop",
    does: "the lesson's tour: previous stop",
    keys: [{ key: "T", alt: true, shift: true }],
    scope: "anywhere",
    enabled: (state) => tourOf(state).length > 0 && (state.tourStop ?? 0) > 0,
    perform: (state) => void state.goToTourStop((state.tourStop ?? 1) - 1),
  },
  {
    id: "cancel-run",
    label: "Cancel",
    does: "cancel a long run",
    keys: [{ key: "Escape" }],
    scope: "anywhere",
    enabled: (state) => state.running,
    perform: (state) => state.cancelRun(),
  },
  {
    id: "toggle-breakpoint",
    label: "Toggle a breakpoint",
    does: "breakpoint at the caret",
    keys: [{ key: "F9" }],
    scope: "anywhere",
    enabled: (state) => state.caret !== null,
    perform: (state) => {
      if (state.caret) state.toggleBreakpoint(state.caret.file, state.caret.line);
    },
  },
  {
    id: "classroom",
    label: "Classroom",
    does: "classroom mode on / off",
    keys: [{ key: "c", alt: true }],
    scope: "anywhere",
    enabled: () => true,
    perform: (state) => state.setClassroom(!state.classroom),
  },
  {
    id: "help",
    label: "Keys",
    does: "these keys",
    keys: [{ key: "?" }],
    scope: "not-typing",
    enabled: () => true,
    perform: (state) => state.setHelpOpen(true),
  },
];

const byId = new Map(commands.map((command) => [command.id, command]));

export function command(id: CommandId): Command {
  return byId.get(id) as Command;
}

/** How a key binding is written for people: "Shift+F10", "Alt+C", "Space". */
export function keyLabel(binding: KeyBinding): string {
  const key =
    binding.key === " " ? "Space" : binding.key.length === 1 ? binding.key.toUpperCase() : binding.key;
  return [binding.ctrl && "Ctrl", binding.alt && "Alt", binding.shift && "Shift", key]
    .filter(Boolean)
    .join("+");
}

/** A key press, as the one keyboard listener sees it. */
export interface KeyPress {
  readonly key: string;
  /** The physical key (Alt+C gives "ç" on a Mac, but still "KeyC"). */
  readonly code: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

function matches(binding: KeyBinding, press: KeyPress): boolean {
  const letter = binding.key.length === 1 && /[a-z]/i.test(binding.key);
  const key = letter ? press.code === `Key${binding.key.toUpperCase()}` : press.key === binding.key;
  // "?" is typed with Shift on most layouts: only the other modifiers count for printable keys.
  const shiftMatters = binding.key.length > 1 || letter;
  return (
    key &&
    !press.metaKey &&
    (binding.ctrl ?? false) === press.ctrlKey &&
    (binding.alt ?? false) === press.altKey &&
    (!shiftMatters || (binding.shift ?? false) === press.shiftKey)
  );
}

/**
 * Whether the app keeps a key press from the browser though no command performs it now: a
 * debugger's function key (F5 would reload the page, F11 go full screen).
 */
export function reservedKey(press: KeyPress): boolean {
  return /^F\d+$/.test(press.key) && commands.some((c) => c.keys.some((binding) => matches(binding, press)));
}

/**
 * The command a key press performs: the first enabled one bound to it whose scope allows
 * where focus is (`typing`: a text field or the code editor has it), or null.
 */
export function commandForKey(press: KeyPress, typing: boolean, state: TailscopeState): Command | null {
  for (const candidate of commands) {
    if (typing && candidate.scope === "not-typing") continue;
    if (!candidate.keys.some((binding) => matches(binding, press))) continue;
    if ((candidate.keyEnabled ?? candidate.enabled)(state)) return candidate;
  }
  return null;
}
