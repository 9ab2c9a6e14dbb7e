// The lesson gallery: each lesson is a folder of source files. Vite inlines
// them at build time, so lessons work offline and ship with the app.

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly files: Readonly<Record<string, string>>;
  readonly main: string;
}

const rawFiles = import.meta.glob("./*/*.{c,h}", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;

const lessonTitles: Record<string, string> = {
  "01-seed-fixed": "Passing tail_context between tail calls",
  "02-seed-as-published": "The blog post as published: fix it with the diagnostics",
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

export const lessons: readonly Lesson[] = Object.keys(lessonTitles).map((id) => {
  const files = filesOf(id);
  return { id, title: lessonTitles[id], files, main: mainFileOf(files) };
});

export const defaultLesson: Lesson = lessons[0];
