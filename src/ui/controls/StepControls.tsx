import { useEffect } from "react";
import type { Move } from "../../engine";
import { continueRun } from "../../state/breakpoints";
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

/**
 * A move as the CPU focus shapes it: with one CPU in focus, steps follow that CPU's statements;
 * in an interleaved run, step over and out follow the CPU being watched, letting others pass.
 */
function focused(m: Move): Move {
  const { focusCpu, schedule, cursor } = useTailscope.getState();
  const watched = focusCpu ?? (schedule.mode === "interleaved" ? cursor?.state.running?.cpu : undefined);
  if (m.kind === "step" && focusCpu !== null) return { ...m, cpu: focusCpu };
  if ((m.kind === "over" || m.kind === "out") && watched !== undefined) return { ...m, cpu: watched };
  return m;
}

const move = (m: Move) => () => void moveCursor(focused(m));

/**
 * Debugger keys (F5 run, F10 step over, F11 step into, Shift+F11 step out, Shift+F10 back),
 * plus F7 for tail-call hops and F8 for packets; F-keys work even while the editor has focus.
 */
export const shortcuts: readonly Shortcut[] = [
  {
    key: "F5",
    shift: false,
    label: "F5",
    does: "run, or continue to the next breakpoint",
    action: () => void (useTailscope.getState().session ? continueRun(1) : runPackets()),
  },
  { key: "F5", shift: true, label: "Shift+F5", does: "back to the start", action: () => void resetCursor() },
  {
    key: "F5",
    shift: false,
    ctrl: true,
    label: "Ctrl+F5",
    does: "to the end",
    action: () => void endCursor(),
  },
  { key: "F10", shift: false, label: "F10", does: "step over", action: move({ kind: "over", direction: 1 }) },
  {
    key: "F10",
    shift: true,
    label: "Shift+F10",
    does: "step back",
    action: move({ kind: "over", direction: -1 }),
  },
  { key: "F11", shift: false, label: "F11", does: "step into", action: move({ kind: "step", direction: 1 }) },
  {
    key: "F11",
    shift: true,
    label: "Shift+F11",
    does: "step out",
    action: move({ kind: "out", direction: 1 }),
  },
  {
    key: "F7",
    shift: false,
    label: "F7",
    does: "next tail call",
    action: move({ kind: "hop", direction: 1 }),
  },
  {
    key: "F7",
    shift: true,
    label: "Shift+F7",
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
  usePlayer();
  const session = useTailscope((s) => s.session);
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
      aria-keyshortcuts={keys || undefined}
      title={keys ? `${label} (${keys})` : label}
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
        "Shift+F7",
        move({ kind: "hop", direction: -1 }),
        "⇠ hop",
      )}
      {button("btn-back", "Step back", "Shift+F10", move({ kind: "over", direction: -1 }), "◀ back")}
      {button("btn-step", "Step over", "F10", move({ kind: "over", direction: 1 }), "over ▶")}
      {button("btn-into", "Step into", "F11", move({ kind: "step", direction: 1 }), "into ↘")}
      {button("btn-out", "Step out", "Shift+F11", move({ kind: "out", direction: 1 }), "out ↗")}
      {button("btn-step-hop", "Next tail call", "F7", move({ kind: "hop", direction: 1 }), "hop ⇢")}
      {button("btn-step-packet", "Next packet", "F8", move({ kind: "packet", direction: 1 }), "packet ⇥")}
      {button("btn-end", "To the end", "Ctrl+F5", () => void endCursor(), "end ▶|")}
      {button(
        "btn-reverse-continue",
        "Back to the previous breakpoint",
        "",
        () => void continueRun(-1),
        "◀◀",
      )}
      {button("btn-continue", "Continue to the next breakpoint", "F5", () => void continueRun(1), "▶▶")}
      <PlayControls disabled={disabled} />
      <CpuFocus />
      <span className="step-counter" data-testid="step-counter" aria-live="polite">
        {session ? `step ${step} / ${total}` : "run to step through"}
        {running && ` · packet ${running.packet} on CPU ${running.cpu} in ${running.programs.at(-1)}`}
      </span>
    </div>
  );
}

/** Which CPU the steps follow: all of them (each statement, whichever CPU runs it), or one. */
function CpuFocus() {
  const cpus = useTailscope((s) => s.cpus);
  const focusCpu = useTailscope((s) => s.focusCpu);
  const setFocusCpu = useTailscope((s) => s.setFocusCpu);
  return (
    <select
      className="cpu-focus"
      data-testid="cpu-focus"
      aria-label="CPU the steps follow"
      value={focusCpu ?? "all"}
      onChange={(e) => setFocusCpu(e.target.value === "all" ? null : Number(e.target.value))}
    >
      <option value="all">all CPUs</option>
      {Array.from({ length: cpus }, (_, cpu) => `CPU ${cpu}`).map((label, cpu) => (
        <option key={label} value={cpu}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** Space plays or pauses, unless the keyboard is busy typing or pressing a control. */
function useSpaceToPlay(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== " " || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, button, .monaco-editor, [contenteditable]")) return;
      const { session, playing, setPlaying } = useTailscope.getState();
      if (!session) return;
      event.preventDefault();
      setPlaying(!playing);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** While playing, one step on (as the CPU focus shapes it) every 1/speed seconds, to the end. */
function usePlayer(): void {
  useSpaceToPlay();
  const playing = useTailscope((s) => s.playing);
  const speed = useTailscope((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      const { cursor, session, setPlaying } = useTailscope.getState();
      if (!session || (cursor?.step ?? 0) >= session.totalSteps) {
        setPlaying(false);
        return;
      }
      const started = performance.now();
      await moveCursor(focused({ kind: "step", direction: 1 }));
      // The move's own time counts towards the interval, so the speed is the one chosen.
      if (!stopped) timer = setTimeout(tick, Math.max(0, 1000 / speed - (performance.now() - started)));
    };
    let timer = setTimeout(tick, 1000 / speed);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [playing, speed]);
}

const speeds = [1, 2, 4, 8, 16, 32] as const;

/** Play / pause (Space) and the speed, in statements a second. */
function PlayControls({ disabled }: { readonly disabled: boolean }) {
  const playing = useTailscope((s) => s.playing);
  const speed = useTailscope((s) => s.speed);
  const setPlaying = useTailscope((s) => s.setPlaying);
  const setSpeed = useTailscope((s) => s.setSpeed);
  return (
    <>
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-play"
        aria-label={playing ? "Pause" : "Play"}
        aria-pressed={playing}
        aria-keyshortcuts="Space"
        disabled={disabled}
        onClick={() => setPlaying(!playing)}
      >
        {playing ? "❚❚ pause" : "▶ play"}
      </button>
      <select
        className="cpu-focus"
        data-testid="play-speed"
        aria-label="Playing speed, statements a second"
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
      >
        {speeds.map((s) => (
          <option key={s} value={s}>
            {s}/s
          </option>
        ))}
      </select>
    </>
  );
}
