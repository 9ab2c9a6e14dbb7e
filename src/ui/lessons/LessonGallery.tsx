import { useEffect, useState } from "react";
import { lessons } from "../../lessons";
import { openLesson, restoreKeptWork } from "../../state/open-workspace";
import { keptWork } from "../../state/persistence";
import { useTailscope, type Workspace } from "../../state/store";
import { Modal } from "../common/Modal";

/** Every lesson, with a line on what it shows; choosing one opens it (asking first if edits would be lost). */
export function LessonGallery() {
  const open = useTailscope((s) => s.galleryOpen);
  const setOpen = useTailscope((s) => s.setGalleryOpen);
  const current = useTailscope((s) => s.lessonId);
  const [kept, setKept] = useState<Workspace | null>(null);
  // The kept work is in IndexedDB: read it each time the gallery opens.
  useEffect(() => {
    if (open) void keptWork().then(setKept);
  }, [open]);
  if (!open) return null;
  return (
    <Modal title="Lessons" testId="lesson-gallery" onClose={() => setOpen(false)}>
      <ol className="lesson-list" aria-label="Lessons">
        {lessons.map((lesson, i) => (
          <li key={lesson.id}>
            <button
              type="button"
              className="lesson-card"
              data-testid={`lesson-${lesson.id}`}
              aria-current={lesson.id === current ? "true" : undefined}
              onClick={() => openLesson(lesson.id)}
            >
              <span className="lesson-number">{i + 1}</span>
              <span className="lesson-text">
                <strong>{lesson.title}</strong>
                <span className="lesson-summary">{lesson.summary}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {kept && (
        <p className="kept-work">
          You put work aside: “{kept.title}”.{" "}
          <button
            type="button"
            className="toolbar-button"
            data-testid="btn-restore-kept"
            onClick={() => void restoreKeptWork()}
          >
            Restore it
          </button>
        </p>
      )}
    </Modal>
  );
}
