import { expect, type Page, type Route, test } from "@playwright/test";

/** Holds every request for Monaco's chunk until `release` is called. */
async function holdMonaco(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let released = false;
  await page.route(/\/assets\/monaco-[^/]*\.(js|css)$/, (route) => {
    if (released) return route.continue();
    held.push(route);
  });
  return async () => {
    released = true;
    await Promise.all(held.map((route) => route.continue()));
  };
}

test("the code, the graph and the step bar show before Monaco has loaded", async ({ page }) => {
  const release = await holdMonaco(page);
  await page.goto("/");
  const preview = page.getByTestId("source-preview");
  await expect(preview).toContainText('SEC("cgroup_skb/egress")');
  await expect(page.getByTestId("program-node-egress1")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("step-counter")).toBeVisible();
  await expect(page.locator(".monaco-editor")).toHaveCount(0);
  // Highlighted as the editor will be: keywords and comments in their own colours.
  const keyword = preview.locator(".tok-keyword", { hasText: "return" }).first();
  const comment = preview.locator(".tok-comment").first();
  const plainColour = await preview.evaluate((e) => getComputedStyle(e).color);
  expect(await keyword.evaluate((e) => getComputedStyle(e).color)).not.toBe(plainColour);
  expect(await comment.evaluate((e) => getComputedStyle(e).color)).not.toBe(plainColour);
  // Readable: the editor's own font size.
  expect(await preview.evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize))).toBe(14);
  await release();
  await expect(page.locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 20_000 });
  await expect(preview).toHaveCount(0);
});

test("a click and keys typed while Monaco loads land in the editor", async ({ page }) => {
  const release = await holdMonaco(page);
  await page.goto("/");
  const preview = page.getByTestId("source-preview");
  const line = preview.locator(".preview-line", { hasText: "ctx2->value_from_1 = 11;" });
  await expect(line).toBeVisible();
  const lineNumber = Number(await line.getAttribute("data-line"));
  // A click at the start of the code of that line (just right of its indentation).
  await line.scrollIntoViewIfNeeded();
  const code = line.locator(".preview-code");
  const box = await code.boundingBox();
  if (!box) throw new Error("no box for the line");
  await page.mouse.click(box.x + 1, box.y + box.height / 2);
  await page.keyboard.type("// ");
  await release();
  await expect(page.locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 20_000 });
  await expect(preview).toHaveCount(0);
  // The edit reached the code where the click was: that line now starts with the comment.
  const editedLine = () =>
    page
      .locator(".monaco-editor .view-line")
      .filter({ hasText: "value_from_1 = 11;" })
      .evaluate((e) => (e.textContent ?? "").replaceAll("\u00a0", " ").trim());
  // (typed at column 1, before the line's tab)
  await expect.poll(editedLine).toMatch(/^\/\/ \s*ctx2->value_from_1 = 11;$/);
  // And the caret stays in the editor: the next key goes on typing there.
  await page.keyboard.type("x");
  await expect.poll(editedLine).toMatch(/^\/\/ x\s*ctx2->value_from_1 = 11;$/);
  expect(lineNumber).toBeGreaterThan(1);
});
