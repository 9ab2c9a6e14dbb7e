import { useState } from "react";
import { lessonById } from "../../lessons";
import { useTailscope } from "../../state/store";
import { InlineCode } from "../common/InlineCode";
import { ExercisePanel } from "./ExercisePanel";
import { TourPanel } from "./TourPanel";

/** The open lesson's story beside the code, and its hints one at a time. */
export function LessonPanel() {
  const lessonId = useTailscope((s) => s.lessonId);
  const lesson = lessonId ? lessonById(lessonId) : undefined;
  const [expanded, setExpanded] = useState(true);
  const [hintsShown, setHintsShown] = useState(0);
  const [shownFor, setShownFor] = useState(lessonId);
  if (shownFor !== lessonId) {
    // A new lesson starts with its story open and its hints hidden.
    setShownFor(lessonId);
    setHintsShown(0);
    setExpanded(true);
  }
  if (!lesson) return null;
  return (
    <section className="lesson-panel" data-testid="lesson-panel" aria-label={`Lesson: ${lesson.title}`}>
      <div className="lesson-head">
        <h2 className="lesson-title">{lesson.title}</h2>
        <button
          type="button"
          className="toolbar-button"
          aria-expanded={expanded}
          aria-controls="lesson-story"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? "Hide" : "Show"}
        </button>
      </div>
      {expanded && (
        <div id="lesson-story" className="lesson-story">
          <TourPanel />
          {lesson.story.map((paragraph) => (
            <p key={paragraph}>
              <InlineCode text={paragraph} />
            </p>
          ))}
          {lesson.hints.length > 0 && (
            <div className="lesson-hints">
              <ol aria-label="Hints" data-testid="hints">
                {lesson.hints.slice(0, hintsShown).map((hint) => (
                  <li key={hint}>
                    <InlineCode text={hint} />
                  </li>
                ))}
              </ol>
              {hintsShown < lesson.hints.length && (
                <button
                  type="button"
                  className="toolbar-button"
                  data-testid="btn-hint"
                  onClick={() => setHintsShown(hintsShown + 1)}
                >
                  Show a hint ({hintsShown + 1} of {lesson.hints.length})
                </button>
              )}
            </div>
          )}
          <ExercisePanel key={lesson.id} lessonId={lesson.id} exercises={lesson.exercises} />
        </div>
      )}
    </section>
  );
}
