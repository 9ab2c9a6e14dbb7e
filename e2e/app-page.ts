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

  /** Waits until the first build has reached the page (the problems header shows counts). */
  async waitForBuild() {
    await expect(this.diagnosticsCount()).toBeVisible();
    await expect(this.page.getByTestId("program-node-egress1")).toBeVisible({ timeout: 15_000 });
  }
}
