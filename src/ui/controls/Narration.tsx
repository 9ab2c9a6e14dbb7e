import { useEffect, useMemo } from "react";
import { narrate } from "../../state/derive/narration";
import { useTailscope } from "../../state/store";

/** Speaks a sentence, cutting off the one before (playing fast must not queue up speech). */
function speak(text: string): void {
  const synthesis = typeof window === "undefined" ? undefined : window.speechSynthesis;
  if (!synthesis || typeof SpeechSynthesisUtterance === "undefined") return;
  synthesis.cancel();
  synthesis.speak(new SpeechSynthesisUtterance(text));
}

/**
 * The last move in one plain sentence, under the step bar (a caption in classroom mode), in a
 * live region so that screen readers speak it; optionally spoken aloud by the browser.
 */
export function Narration({ caption = false }: { readonly caption?: boolean }) {
  const view = useTailscope((s) => s.cursor?.state ?? null);
  const last = useTailscope((s) => s.cursor?.last ?? null);
  const previous = useTailscope((s) => s.previousCursor?.state ?? null);
  const build = useTailscope((s) => (s.build?.loaded ? s.build : s.lastLoadedBuild));
  const packets = useTailscope((s) => (s.run && "report" in s.run ? s.run.report.packets : null));
  const files = useTailscope((s) => s.files);
  const spoken = useTailscope((s) => s.speakNarration);
  const setSpoken = useTailscope((s) => s.setSpeakNarration);
  const text = useMemo(
    () =>
      narrate({
        view,
        previous,
        build,
        packets,
        last,
        lineText: (file, line) => files[file]?.split("\n")[line - 1] ?? null,
      }),
    [view, previous, build, packets, last, files],
  );
  useEffect(() => {
    if (spoken) speak(text);
  }, [text, spoken]);
  return (
    <div className={caption ? "narration narration-caption" : "narration"}>
      <p className="narration-text" data-testid="narration" role="status" aria-live="polite">
        {text}
      </p>
      <label className="narration-speak">
        <input
          type="checkbox"
          data-testid="narration-speak"
          checked={spoken}
          onChange={(event) => {
            setSpoken(event.target.checked);
            if (!event.target.checked) window.speechSynthesis?.cancel();
          }}
        />{" "}
        speak
      </label>
    </div>
  );
}
