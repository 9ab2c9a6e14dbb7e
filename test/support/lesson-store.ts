import { lessonById } from "../../src/lessons";
import { inProcessEngine } from "../../src/state/engine-client";
import { createTailscopeStore } from "../../src/state/store";
import { createEngineApi } from "../../src/worker/engine-api";

/** The app's store with a lesson open, over the engine in this process (no worker). */
export function lessonStore(id: string) {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  return createTailscopeStore(inProcessEngine(createEngineApi), {
    title: lesson.title,
    lessonId: lesson.id,
    files: lesson.files,
    main: lesson.main,
    settings: lesson.settings,
  });
}
