import { Session } from "../../src/engine/session";
import { lessonById } from "../../src/lessons";

/**
 * A lesson's sources run as a recorded session (round-robin generated IPv4/UDP packets, seed 1,
 * `extra` over the request), with its main file's name and a way to find a line by its text.
 */
export function lessonSession(id: string, cpus: number, count: number, extra: object = {}) {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const started = Session.start(
    {
      files: lesson.files,
      main: lesson.main,
      cpus,
      entry: lesson.settings.attach?.program,
      packets: { count, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
      ...extra,
    },
    { record: true },
  );
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const lines = lesson.files[lesson.main].split("\n");
  return {
    session: started.session,
    main: lesson.main,
    lineOf: (text: string) => lines.findIndex((line) => line.includes(text)) + 1,
  };
}
