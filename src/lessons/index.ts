// The lesson gallery: each lesson is a folder with its source files and a lesson.json (title,
// summary, the story shown beside the code, hints, and the scenario to run). Vite inlines them
// at build time, so lessons work offline and ship with the app.
import type { Scenario } from "../engine";

/** A scenario without its sources: what to attach, the CPUs, packets, control actions, schedule. */
export type ScenarioSettings = Omit<Scenario, "files" | "main" | "title">;

/**
 * A stop of a lesson's guided tour: where the cursor goes (a packet's n-th tail call that
 * jumped; hop 0 is the packet's first statement), what the graph spotlights, and what the
 * presenter says. A stop with no place (a lesson that does not build) only spotlights and says.
 */
export interface TourStop {
  readonly at?: { readonly packet: number; readonly hop: number };
  /** Programs and maps the graph spotlights, by name. */
  readonly spotlight?: readonly string[];
  readonly note: string;
}

/**
 * One thing an exercise asks of the run, checked over the build and the run report. Each comes
 * with the sentence that says, in plain words, what is still wrong.
 */
export type Condition =
  /** The sources build, load, and the verifier accepts every program. */
  | { readonly builds: true }
  /** A map is of this type (`array`, `percpu_array`…). */
  | { readonly mapType: { readonly map: string; readonly type: string } }
  /** Every CPU that ran a packet printed a line containing this text. */
  | { readonly everyCpuPrints: string }
  /** No packet printed a line containing this text. */
  | { readonly noPrintk: string }
  /** Every packet: made this many tail calls that jumped, returned this, ended in this program. */
  | { readonly everyPacket: { readonly hops?: number; readonly retval?: number; readonly endsIn?: string } }
  /** A packet got to a program (by a tail call). */
  | { readonly packetReaches: { readonly packet: number; readonly program: string } };

/** An exercise of a lesson: a task in words, and the conditions that say it is done. */
export interface Exercise {
  readonly id: string;
  readonly task: string;
  readonly check: readonly Condition[];
}

/**
 * A question asked before a step is shown (predict, then see): when a forward move would pass
 * its place, the move waits for an answer, then the step shows and the reveal says why.
 */
export interface Question {
  readonly id: string;
  readonly at: { readonly packet: number; readonly hop: number };
  readonly ask: string;
  readonly choices: readonly string[];
  /** The index of the right choice. */
  readonly answer: number;
  readonly reveal: string;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** One sentence for the gallery. */
  readonly summary: string;
  /** Paragraphs shown beside the code; `code` in backticks. */
  readonly story: readonly string[];
  /** Shown one at a time, on demand. */
  readonly hints: readonly string[];
  readonly files: Readonly<Record<string, string>>;
  readonly main: string;
  readonly settings: ScenarioSettings;
  /** The guided tour: a few stops a presenter moves through with one key. */
  readonly tour: readonly TourStop[];
  /** Tasks that check themselves against the build and the run. */
  readonly exercises: readonly Exercise[];
  /** Questions asked before chosen steps are shown. */
  readonly questions: readonly Question[];
}

interface LessonFile {
  readonly title: string;
  readonly summary: string;
  readonly story: string[];
  readonly hints: string[];
  readonly scenario: Partial<ScenarioSettings>;
  readonly tour?: TourStop[];
  readonly exercises?: Exercise[];
  readonly questions?: Question[];
}

const rawFiles = import.meta.glob("./*/*.{c,h}", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;
const lessonFiles = import.meta.glob("./*/lesson.json", { import: "default", eager: true }) as Record<
  string,
  LessonFile
>;

/** What a scenario gets when it leaves a setting out (contract.md §1 defaults). */
export const defaultSettings: ScenarioSettings = {
  cpus: 2,
  packets: { count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  control: [],
  schedule: { mode: "sequential" },
};

function filesOf(lessonId: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(rawFiles)) {
    const [, folder, name] = path.split("/");
    if (folder === lessonId) files[name] = text;
  }
  return files;
}

function mainFileOf(files: Record<string, string>): string {
  const cFiles = Object.keys(files).filter((name) => name.endsWith(".c"));
  if (cFiles.length !== 1) throw new Error(`a lesson needs exactly one .c file, found ${cFiles.length}`);
  return cFiles[0];
}

export const lessons: readonly Lesson[] = Object.entries(lessonFiles)
  .map(([path, lesson]) => {
    const id = path.split("/")[1];
    const files = filesOf(id);
    return {
      id,
      title: lesson.title,
      summary: lesson.summary,
      story: lesson.story,
      hints: lesson.hints,
      files,
      main: mainFileOf(files),
      settings: { ...defaultSettings, ...lesson.scenario },
      tour: lesson.tour ?? [],
      exercises: lesson.exercises ?? [],
      questions: lesson.questions ?? [],
    };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

export function lessonById(id: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.id === id);
}

export const defaultLesson: Lesson = lessons[0];
