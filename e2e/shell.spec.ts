import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("the workbench shows the editor, the graph and the controls with the seed example", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.editor()).toBeVisible();
  await expect(app.graph()).toBeVisible();
  await expect(app.controls()).toBeVisible();
  await expect(app.fileTab("programs.bpf.c")).toHaveAttribute("aria-selected", "true");
  await expect(app.fileTab("maps.h")).toBeVisible();
  await expect(app.editorLines()).toContainText('SEC("cgroup_skb/egress")');
  // Highlighted: Monaco's C tokenizer gives keywords their own token class.
  await expect(page.locator(".view-lines .mtk1").first()).toBeVisible();
  const keywordClasses = await page
    .locator(".view-lines span span")
    .evaluateAll((spans) => new Set(spans.map((s) => s.className)).size);
  expect(keywordClasses).toBeGreaterThan(2);
});

test("file tabs switch the editor to another source file", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.fileTab("maps.h").click();
  await expect(app.fileTab("maps.h")).toHaveAttribute("aria-selected", "true");
  await expect(app.editorLines()).toContainText("BPF_MAP_TYPE_PERCPU_ARRAY");
  await app.fileTab("maps.h").press("ArrowLeft");
  await expect(app.fileTab("programs.bpf.c")).toHaveAttribute("aria-selected", "true");
});

test("a space typed in the editor is kept (React Flow must not swallow it)", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.editorLines().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("int a b;");
  await expect(app.editorLines()).toContainText("int a b;");
});

test("the theme toggles between dark and light", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const html = page.locator("html");
  const before = await html.getAttribute("data-theme");
  await page.getByTestId("btn-theme").click();
  await expect(html).not.toHaveAttribute("data-theme", before ?? "");
});
