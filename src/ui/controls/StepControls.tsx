import { useEffect } from "react";
import type { Move } from "../../engine";
import { endCursor, moveCursor, resetCursor, runPackets } from "../../state/run-action";
import { useTailscope } from "../../state/store";

interface Shortcut {
  readonly key: string;
  readonly shift: boolean;
  readonly ctrl?: boolean;
  readonly label: string;
  /** What it does, for the key legend. */
  readonly does: string;
  readonly action: () => void;
}

const move = (m: Move) => () => void moveCursor(m);

/** Debugger keys; F-keys work even while the editor has focus. */
export const shortcuts: readonly Shortcut[] = [
  { key: "F5", shift: false, label: "F5", does: "run", action: () => void runPackets() },
  { key: "F5", shift: true, label: "Shift+F5", does: "back to the start", action: () => void resetCursor() },
  {
    key: "F5",
    shift: false,
    ctrl: true,
    label: "Ctrl+F5",
    does: "to the end",
    action: () => void endCursor(),
  },
  { key: "F10", shift: false, label: "F10", does: "step", action: move({ kind: "step", direction: 1 }) },
  {
    key: "F10",
    shift: true,
    label: "Shift+F10",
    does: "step back",
    action: move({ kind: "step", direction: -1 }),
  },
  {
    key: "F11",
    shift: false,
    label: "F11",
    does: "next tail call",
    action: move({ kind: "hop", direction: 1 }),
  },
  {
    key: "F11",
    shift: true,
    label: "Shift+F11",
    does: "previous tail call",
    action: move({ kind: "hop", direction: -1 }),
  },
  {
    key: "F8",
    shift: false,
    label: "F8",
    does: "next packet",
    action: move({ kind: "packet", direction: 1 }),
  },
  {
    key: "F8",
    shift: true,
    label: "Shift+F8",
    does: "previous packet",
    action: move({ kind: "packet", direction: -1 }),
  },
];

function useDebuggerKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcuts.find(
        (s) => s.key === event.key && s.shift === event.shiftKey && (s.ctrl ?? false) === event.ctrlKey,
      );
      if (!shortcut || event.altKey || event.metaKey) return;
      event.preventDefault();
      event.stopPropagation();
      shortcut.action();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, []);
}

/** Step, hop and packet moves over the traced run, both ways, with the step counter. */
export function StepControls() {
  useDebuggerKeys();
  const session = useTailscope((s) => s.session);
  const schedule = useTailscope((s) => s.schedule.mode);
  const cursor = useTailscope((s) => s.cursor);
  const disabled = !session;
  const step = cursor?.step ?? 0;
  const total = session?.totalSteps ?? 0;
  const running = cursor?.state.running;
  const button = (id: string, label: string, keys: string, action: () => void, text: string) => (
    <button
      type="button"
      className="toolbar-button"
      data-testid={id}
      aria-label={label}
      aria-keyshortcuts={keys}
      title={`${label} (${keys})`}
      disabled={disabled}
      onClick={action}
    >
      {text}
    </button>
  );
  return (
    <div className="step-row" role="toolbar" aria-label="Step through the run">
      {button("btn-reset", "Back to the start", "Shift+F5", () => void resetCursor(), "|◀ start")}
      {button(
        "btn-back-packet",
        "Previous packet",
        "Shift+F8",
        move({ kind: "packet", direction: -1 }),
        "⇤ packet",
      )}
      {button(
        "btn-back-hop",
        "Previous tail call",
        "Shift+F11",
        move({ kind: "hop", direction: -1 }),
        "⇠ hop",
      )}
      {button("btn-back", "Step back", "Shift+F10", move({ kind: "step", direction: -1 }), "◀ back")}
      {button("btn-step", "Step", "F10", move({ kind: "step", direction: 1 }), "step ▶")}
      {button("btn-step-hop", "Next tail call", "F11", move({ kind: "hop", direction: 1 }), "hop ⇢")}
      {button("btn-step-packet", "Next packet", "F8", move({ kind: "packet", direction: 1 }), "packet ⇥")}
      {button("btn-end", "To the end", "Ctrl+F5", () => void endCursor(), "end ▶|")}
      <span className="step-counter" data-testid="step-counter" aria-live="polite">
        {session
          ? `step ${step} / ${total}`
          : schedule === "interleaved"
            ? "stepping follows the sequential schedule"
            : "run to step through"}
        {running && ` · packet ${running.packet} on CPU ${running.cpu} in ${running.programs.at(-1)}`}
      </span>
    </div>
  );
}
