import { useTailscope } from "../../state/store";
import { CommandButton } from "../common/CommandButton";
import { CpuSelect } from "./CpuSelect";

/** Step, hop and packet moves over the recorded run, both ways, with the step counter. */
export function StepControls() {
  const session = useTailscope((s) => s.session);
  const cursor = useTailscope((s) => s.cursor);
  const step = cursor?.step ?? 0;
  const total = session?.totalSteps ?? 0;
  const running = cursor?.state.running;
  return (
    <div className="step-row" role="toolbar" aria-label="Step through the run">
      <CommandButton id="to-start" testId="btn-reset" text="|◀ start" />
      <CommandButton id="previous-packet" testId="btn-back-packet" text="⇤ packet" />
      <CommandButton id="previous-hop" testId="btn-back-hop" text="⇠ hop" />
      <CommandButton id="step-back" testId="btn-back" text="◀ back" />
      <CommandButton id="step-over" testId="btn-step" text="over ▶" />
      <CommandButton id="step-into" testId="btn-into" text="into ↘" />
      <CommandButton id="step-out" testId="btn-out" text="out ↗" />
      <CommandButton id="next-hop" testId="btn-step-hop" text="hop ⇢" />
      <CommandButton id="next-packet" testId="btn-step-packet" text="packet ⇥" />
      <CommandButton id="to-end" testId="btn-end" text="end ▶|" />
      <CommandButton id="reverse-continue" testId="btn-reverse-continue" text="◀◀" />
      <CommandButton id="continue" testId="btn-continue" text="▶▶" />
      <PlayControls />
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
    <CpuSelect
      testId="cpu-focus"
      label="CPU the steps follow"
      cpus={cpus}
      value={focusCpu}
      onChange={setFocusCpu}
    />
  );
}

const speeds = [1, 2, 4, 8, 16, 32, 64, 120] as const;

/** Play / pause (Space), what a tick moves by (statement, hop, packet) and how many a second. */
function PlayControls() {
  const playing = useTailscope((s) => s.playing);
  const speed = useTailscope((s) => s.speed);
  const setSpeed = useTailscope((s) => s.setSpeed);
  const playBy = useTailscope((s) => s.playBy);
  const setPlayBy = useTailscope((s) => s.setPlayBy);
  return (
    <>
      <CommandButton
        id="play-pause"
        testId="btn-play"
        text={playing ? "❚❚ pause" : "▶ play"}
        label={playing ? "Pause" : "Play"}
        pressed={playing}
      />
      <select
        className="cpu-focus"
        data-testid="play-speed"
        aria-label="Playing speed, moves a second"
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
      >
        {speeds.map((s) => (
          <option key={s} value={s}>
            {s}/s
          </option>
        ))}
      </select>
      <select
        className="cpu-focus"
        data-testid="play-by"
        aria-label="Play (and Page Down in classroom mode) moves by"
        value={playBy}
        onChange={(e) => setPlayBy(e.target.value as typeof playBy)}
      >
        <option value="step">by statement</option>
        <option value="hop">by hop</option>
        <option value="packet">by packet</option>
      </select>
    </>
  );
}
