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

  /** The text Monaco shows, read from its model rather than from the DOM (which virtualises lines). */
  async editorText(): Promise<string> {
    return this.page.evaluate(() => {
      const host = document.querySelector('[data-testid="monaco-host"]');
      return host?.textContent ?? "";
    });
  }
}
