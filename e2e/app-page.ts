import { expect, type Page } from "@playwright/test";

/** A page object for the Tailscope workbench: the locators tests share. */
export class AppPage {
  constructor(readonly page: Page) {}

  readonly editor = () => this.page.getByTestId("editor");
  readonly graph = () => this.page.getByTestId("graph");
  readonly controls = () => this.page.getByTestId("controls");
  readonly fileTab = (name: string) => this.page.getByRole("tab", { name });
  readonly editorLines = () => this.page.locator(".monaco-editor .view-lines");

  async open() {
    await this.page.goto("/");
    await expect(this.editorLines()).toBeVisible({ timeout: 20_000 });
  }

  readonly diagnosticsCount = () => this.page.getByTestId("diagnostics-count");
  readonly problems = () => this.page.getByRole("list", { name: "Problems" }).getByRole("button");

  readonly runLog = () => this.page.getByTestId("run-log");

  /** Opens a lesson from the gallery (a fresh page has no edits, so nothing asks first). */
  async openLesson(id: string, firstProgram: string) {
    await this.page.getByTestId("btn-lessons").click();
    await this.page.getByTestId(`lesson-${id}`).click();
    await expect(this.page.getByTestId("lesson-gallery")).toBeHidden();
    await expect(this.page.getByTestId(`program-node-${firstProgram}`)).toBeVisible({ timeout: 15_000 });
  }

  /** Folds the lesson's story away, leaving the editor all the pane's height. */
  async hideLesson() {
    await this.page.getByTestId("lesson-panel").getByRole("button", { name: "Hide" }).click();
  }

  /** Opens a scenario of one source file, as *Open file…* with a scenario JSON does. */
  async importScenario(title: string, source: string, extra: Record<string, unknown> = {}) {
    await this.page.getByTestId("import-file").setInputFiles({
      name: "imported.scenario.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ title, ...extra, files: { "prog.bpf.c": source } })),
    });
  }

  /** Selects a whole word in the editor (by double click) and types over it. */
  async replaceWord(word: string, replacement: string) {
    await this.page.locator(".view-line span", { hasText: word }).first().dblclick();
    await this.page.keyboard.type(replacement);
  }

  /** Runs the scenario (the Run button, or F5) and waits for the cursor at the run's end. */
  async runToEnd(how: "button" | "F5" = "button") {
    if (how === "button") await this.page.getByTestId("btn-run").click();
    else await this.page.keyboard.press("F5");
    await expect(this.page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  }

  /** Waits until the first build has reached the page (the problems header shows counts). */
  async waitForBuild() {
    await expect(this.diagnosticsCount()).toBeVisible();
    await expect(this.page.getByTestId("program-node-egress1")).toBeVisible({ timeout: 15_000 });
  }
}
