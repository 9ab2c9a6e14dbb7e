import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

const cell = (page: import("@playwright/test").Page, cpu: number) =>
  page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`);

test("from the keyboard: run, rewind, then hop egress1 → egress2 → egress3 and back, watching CPU 0's cell", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("graph").click({ position: { x: 5, y: 5 } });
  await app.runToEnd("F5");
  await expect(cell(page, 0)).toContainText("value_from_1 = 11");
  await expect(cell(page, 1)).toContainText("value_from_2 = 22");

  await page.keyboard.press("Shift+F5");
  await expect(page.getByTestId("step-counter")).toContainText(/^step 0 \//);
  await expect(cell(page, 0)).toContainText("value_from_1 = 0");

  await page.keyboard.press("F8");
  await expect(page.getByTestId("program-node-egress1")).toHaveAttribute("data-active", "true");
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in egress1");
  await expect(page.getByTestId("cpu-node-0")).toContainText("packet 0 · in egress1");

  await page.keyboard.press("F7");
  await expect(page.getByTestId("program-node-egress2")).toHaveAttribute("data-active", "true");
  await expect(page.getByTestId("program-node-egress1")).not.toHaveAttribute("data-active", "true");
  await expect(cell(page, 0)).toContainText("value_from_1 = 11");
  await expect(cell(page, 0)).toContainText("value_from_2 = 0");

  await page.keyboard.press("F7");
  await expect(page.getByTestId("program-node-egress3")).toHaveAttribute("data-active", "true");
  await expect(cell(page, 0)).toContainText("value_from_2 = 22");
  await expect(cell(page, 1)).toContainText("value_from_1 = 0");
  await page.screenshot({ path: "test-results/stepping.png" });

  // Back one hop: egress2 has not written value_from_2 yet.
  await page.keyboard.press("Shift+F7");
  await expect(page.getByTestId("program-node-egress2")).toHaveAttribute("data-active", "true");
  await expect(cell(page, 0)).toContainText("value_from_2 = 0");

  // Statement by statement, forwards then back, lands where it started.
  const before = await page.getByTestId("step-counter").textContent();
  await page.keyboard.press("F10");
  await page.keyboard.press("F10");
  await expect(page.getByTestId("step-counter")).not.toHaveText(before ?? "");
  await page.keyboard.press("Shift+F10");
  await page.keyboard.press("Shift+F10");
  await expect(page.getByTestId("step-counter")).toHaveText(before ?? "");
});

test("the step buttons are named for screen readers and show their keys", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const toolbar = page.getByRole("toolbar", { name: "Step through the run" });
  await expect(toolbar.getByRole("button", { name: "Next tail call" })).toHaveAttribute(
    "aria-keyshortcuts",
    "F7",
  );
  await expect(toolbar.getByRole("button", { name: "Step back" })).toBeDisabled();
  await page.getByTestId("btn-run").click();
  await expect(toolbar.getByRole("button", { name: "Step back" })).toBeEnabled();
  await toolbar.getByRole("button", { name: "Back to the start" }).click();
  await toolbar.getByRole("button", { name: "Next packet" }).click();
  await expect(page.getByTestId("program-node-egress1")).toHaveAttribute("data-active", "true");
});

test("the inspector shows the running frame's locals: ctx2 points into CPU 0's copy after the lookup", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("btn-reset")).toBeEnabled();
  await page.getByTestId("btn-reset").click();
  await page.getByTestId("btn-step-packet").click();
  await page.getByTestId("btn-step-hop").click();
  await page.getByTestId("btn-step-hop").click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toContainText("egress1 → egress2 → egress3");
  await expect(inspector.getByTestId("local-ctx2")).toContainText("NULL");
  for (let i = 0; i < 3; i++) await page.getByTestId("btn-step").click();
  await expect(inspector.getByTestId("local-ctx2")).toContainText("tail_context_map[0] (CPU 0) + 0");
  await expect(inspector.getByTestId("local-zero")).toContainText("0");
  await page.screenshot({ path: "test-results/inspector.png" });
});

test("editing while stepping re-runs and keeps the cursor at the same packet and hop", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("btn-reset")).toBeEnabled();
  await page.getByTestId("btn-reset").click();
  // Packet 1 (CPU 1), two hops in: egress3 about to run.
  await page.getByTestId("btn-step-packet").click();
  await page.getByTestId("btn-step-packet").click();
  await page.getByTestId("btn-step-hop").click();
  await page.getByTestId("btn-step-hop").click();
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress3");
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-1")).toContainText("value_from_2 = 22");
  // egress2 writes 33 instead of 22.
  await app.hideLesson();
  await page.locator(".view-line", { hasText: "ctx2->value_from_2 = 22;" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("33");
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress3");
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-1")).toContainText("value_from_2 = 33");

  // A scenario change re-runs too: with 3 CPUs, packet 1 is still on CPU 1, in egress3.
  await page.getByTestId("cpu-count").fill("3");
  await expect(page.getByTestId("cpu-node-2")).toBeVisible();
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress3");
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-2")).toContainText("value_from_2 = 0");
});

test("lesson 9 from the keyboard: step into weigh(), see both frames, step out, step over the tail-calling function", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("09-bpf2bpf-and-tail-calls", "start");
  await app.runToEnd("F5");
  await page.keyboard.press("Shift+F5");
  // The packet's first statement is the call: one statement in, the cursor is inside weigh().
  await page.keyboard.press("F8");
  await expect(page.getByTestId("frame-1")).toContainText("weigh · next");
  await expect(page.getByTestId("frame-0")).toContainText("start · calling, at");
  await expect(page.getByTestId("frame-1").getByTestId("local-factor")).toContainText("3");
  await expect(page.locator(".cpu-current-line")).toHaveCount(1);

  await page.keyboard.press("Shift+F11");
  await expect(page.getByTestId("frame-1")).toHaveCount(0);
  await expect(page.getByTestId("frame-0")).toContainText("start · next");
  // Over the call that tail-calls: finish runs in hand_over's place, then start goes on.
  await page.keyboard.press("F10");
  await expect(page.getByTestId("inspector")).toContainText("start → finish");
  await expect(page.getByTestId("frame-1")).toHaveCount(0);
  await expect(page.getByTestId("local-r")).toContainText("1");

  // Back over it, then into it.
  await page.keyboard.press("Shift+F10");
  await expect(page.getByTestId("inspector")).not.toContainText("finish");
  await page.keyboard.press("F11");
  await expect(page.getByTestId("frame-1")).toContainText("hand_over · next");
});

test("breakpoints: click the margin, F5 continues there; a condition stops only where it holds, and a bad one says why", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.hideLesson();
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  await expect(page.getByTestId("step-counter")).toContainText(/^step 0 \//);
  // Rewinding may scroll the editor to the first packet's line; line 20 must be in view to click it.
  await page.locator(".view-line").first().click();
  await page.keyboard.press("Control+Home");
  // A breakpoint on egress3's second printk (line 20), set by clicking the glyph margin.
  const printkLine = page.locator(".view-line", { hasText: '"[egress3] first=%d' });
  await expect(printkLine).toBeVisible();
  const lineBox = await printkLine.boundingBox();
  const glyphBox = await page.locator(".monaco-editor .glyph-margin").first().boundingBox();
  if (!lineBox || !glyphBox) throw new Error("the editor is not laid out");
  await page.mouse.click(glyphBox.x + glyphBox.width / 2, lineBox.y + lineBox.height / 2);
  await expect(page.getByTestId("breakpoint-20")).toBeVisible();
  await expect(page.locator(".breakpoint-glyph")).toHaveCount(1);
  // F9 at the caret's line clears it, and sets it again.
  await printkLine.click();
  await page.keyboard.press("F9");
  await expect(page.locator(".breakpoint-glyph")).toHaveCount(0);
  await page.keyboard.press("F9");
  await expect(page.getByTestId("breakpoint-20")).toBeVisible();

  await page.getByTestId("graph").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("F5");
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in egress3");
  await page.keyboard.press("F5");
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress3");

  // Only where CPU 1 holds the packet: from the start, the first stop is packet 1.
  await page.getByTestId("breakpoint-condition-20").fill("bpf_get_smp_processor_id() == 1");
  await page.getByTestId("breakpoint-condition-20").press("Enter");
  await page.getByTestId("btn-reset").click();
  await page.getByTestId("btn-continue").click();
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress3");

  await page.getByTestId("breakpoint-condition-20").fill("ctx2->nope == 1");
  await page.getByTestId("breakpoint-condition-20").press("Enter");
  await expect(page.getByTestId("breakpoint-error-20")).toContainText("no member named 'nope'");
});

test("play steps on by itself and Space pauses it", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.getByTestId("btn-reset").click();
  await page.getByTestId("play-speed").selectOption("32");
  await page.getByTestId("graph").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Space");
  await expect(page.getByTestId("btn-play")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("step-counter")).toContainText(/^step ([3-9]|\d\d+) \//);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("btn-play")).toHaveAttribute("aria-pressed", "false");
  // A step already on its way when Space was pressed still lands; after that, nothing moves.
  await page.waitForTimeout(200);
  const paused = await page.getByTestId("step-counter").textContent();
  await page.waitForTimeout(300);
  await expect(page.getByTestId("step-counter")).toHaveText(paused ?? "");
});
