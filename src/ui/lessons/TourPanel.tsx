import { lessonById } from "../../lessons";
import { tourOf } from "../../state/derive/tour";
import { useTailscope } from "../../state/store";
import { CommandButton } from "../common/CommandButton";
import { InlineCode } from "../common/InlineCode";

/** Whether the lesson's questions stop the steps they are about (predict, then see). */
function AskQuestions() {
  const count = useTailscope((s) => (s.lessonId ? (lessonById(s.lessonId)?.questions.length ?? 0) : 0));
  const on = useTailscope((s) => s.askQuestions);
  if (count === 0) return null;
  return (
    <label className="tour-questions">
      <input
        type="checkbox"
        data-testid="ask-questions"
        checked={on}
        onChange={(e) => useTailscope.getState().setAskQuestions(e.target.checked)}
      />{" "}
      ask {count === 1 ? "the question" : `its ${count} questions`} before their steps show
    </label>
  );
}

/**
 * The lesson's guided tour: the stop on show and its note, with the keys to move on (Alt+T) and
 * back (Alt+Shift+T); a student can take it alone, a presenter drives it from the keyboard.
 */
export function TourPanel({ caption = false }: { readonly caption?: boolean }) {
  const stops = useTailscope((s) => tourOf(s));
  const index = useTailscope((s) => s.tourStop);
  if (stops.length === 0) return null;
  const stop = index === null ? null : stops[index];
  return (
    <section className={caption ? "tour tour-caption" : "tour"} data-testid="tour" aria-label="Guided tour">
      <div className="tour-head">
        <span className="tour-title">
          {stop
            ? `Tour · stop ${(index ?? 0) + 1} of ${stops.length}`
            : `A guided tour in ${stops.length} stops`}
        </span>
        <CommandButton id="tour-back" testId="btn-tour-back" text="◀ stop" />
        {stop ? (
          <CommandButton id="tour-next" testId="btn-tour-next" text="stop ▶" />
        ) : (
          <button
            type="button"
            className="toolbar-button primary"
            data-testid="btn-tour-start"
            onClick={() => void useTailscope.getState().goToTourStop(0)}
          >
            Start the tour
          </button>
        )}
      </div>
      {stop && (
        <p className="tour-note" data-testid="tour-note" aria-live="polite">
          <InlineCode text={stop.note} />
        </p>
      )}
      {!caption && <AskQuestions />}
    </section>
  );
}
