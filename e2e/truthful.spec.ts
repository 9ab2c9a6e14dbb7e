import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("lesson 5's entry is the attached program, and another can be attached", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("05-empty-and-out-of-range", "dispatch");
  const entry = page.getByTestId("graph").locator("[data-entry='true']");
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute("data-testid", "program-node-dispatch");
  await expect(page.getByTestId("cpu-node-0")).toContainText("runs dispatch");
  await expect(page.getByTestId("unreached-handle_b")).toBeVisible();
  await expect(page.getByTestId("attach-select")).toHaveValue("dispatch");

  await page.getByTestId("attach-select").selectOption("handle_c");
  await expect(entry).toHaveAttribute("data-testid", "program-node-handle_c");
  await expect(page.getByTestId("cpu-node-1")).toContainText("runs handle_c");
  await app.runToEnd();
  await expect(app.runLog()).toContainText("packet 0: handle_c ·");
});

test("the trace log at step k shows exactly the lines printed by step k", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  const log = page.getByTestId("trace-log");
  await expect(page.getByTestId("trace-log-count")).toHaveText("trace_pipe · 16 of 16 lines printed");
  await page.keyboard.press("Shift+F5");
  await expect(page.getByTestId("trace-log-count")).toHaveText("trace_pipe · 0 of 16 lines printed");
  await expect(log.getByRole("listitem")).toHaveCount(0);
  await expect(app.runLog()).toContainText("0 started by the cursor");

  // Step by step to egress1's printk: one line, the latest, and the run log agrees.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("F11");
    // The count is the worker's answer: wait until it is the answer for this step.
    await expect.poll(() => log.evaluate((e) => e.dataset.countedStep === e.dataset.cursorStep)).toBe(true);
    const text = await page.getByTestId("trace-log-count").textContent();
    if (text?.includes("· 1 of")) break;
  }
  await expect(page.getByTestId("trace-log-count")).toHaveText("trace_pipe · 1 of 16 lines printed");
  await expect(log.getByRole("listitem")).toHaveCount(1);
  await expect(log.locator("[data-when='latest']")).toContainText("[egress1] Calling egress2");
  await expect(page.getByTestId("run-log-packet-0")).toHaveAttribute("data-when", "running");
  await expect(page.getByTestId("run-log-packet-0").locator(".printk-line")).toHaveCount(1);
  await expect(page.getByTestId("run-log-packet-1")).toHaveCount(0);

  // Lines to come, on request, greyed.
  await page.getByTestId("trace-log-future").check();
  await expect(log.getByRole("listitem").first()).toBeVisible();
  await expect(log.locator("[data-when='future']").first()).toBeVisible();
  await expect(page.getByTestId("step-counter")).toContainText("packet 0");
});

test("a backward step flashes nothing as written and moves no hop token", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await page.keyboard.press("F7");
  // egress2 wrote value_from_2 on CPU 0: the forward move flashes it.
  await expect(page.locator(".map-cell.written").first()).toBeVisible();
  await page.keyboard.press("Shift+F5");
  await expect(page.getByTestId("step-counter")).toContainText("step 0 /");
  await expect(page.locator(".map-cell.written")).toHaveCount(0);
  await expect(page.locator(".map-cell.undone").first()).toContainText("undone, was");
  await expect(page.locator(".react-flow__edge[data-id^='token:']")).toHaveCount(0);
});

test("the seed's verifier refusal is explained without hovering, and the program is marked", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  // The published seed's verifier mistake: egress3 tests the context, not the lookup's result.
  // Its key is made 1, past the one-entry array, so that the lookup can fail (with the constant
  // key 0 on the stack, Linux 6.13 and later prove it cannot, and load the program).
  const seed = join(import.meta.dirname, "../src/lessons/01-seed-fixed");
  const program = readFileSync(join(seed, "programs.bpf.c"), "utf8")
    .replace("if (!ctx2)", "if (!ctx)")
    .replace("__u32 zero = 0;", "__u32 zero = 1;");
  const scenario = {
    title: "Refused",
    files: { "programs.bpf.c": program, "maps.h": readFileSync(join(seed, "maps.h"), "utf8") },
    attach: { program: "egress1" },
  };
  await page.getByTestId("import-file").setInputFiles({
    name: "refused.scenario.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await expect(page.getByTestId("refused-egress3")).toBeVisible({ timeout: 15_000 });
  const explanation = page.getByTestId("problem-explanation").first();
  await expect(explanation).toBeVisible();
  const text = (await explanation.textContent()) ?? "";
  expect(text.length).toBeGreaterThan(20);
  const inline = page.getByTestId("inline-explanation").first();
  await expect(inline).toBeVisible();
  await expect(inline).toContainText(text.slice(0, 30));
  // Under the marked line, inside the editor: not clipped by its right edge.
  const box = await inline.boundingBox();
  const editor = await page.getByTestId("monaco-host").boundingBox();
  if (!box || !editor) throw new Error("no boxes");
  expect(box.x + box.width).toBeLessThanOrEqual(editor.x + editor.width + 1);
  const lines = await inline.evaluate((element) => element.scrollHeight <= element.clientHeight + 1);
  expect(lines).toBe(true);
  await page.screenshot({ path: "test-results/refusal-explained.png" });
});

test("Escape then Tab leaves the editor, and the legend says so", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const firstLine = page.locator(".view-line").first();
  const text = await firstLine.textContent();
  await firstLine.click();
  const before = await page.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null);
  expect(before).toBe(true);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  const inEditor = await page.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null);
  expect(inEditor).toBe(false);
  // The code has no tab inserted.
  await expect(firstLine).toHaveText(text ?? "");
  await page.getByTestId("btn-help").click();
  await expect(page.getByTestId("key-legend")).toContainText("Esc then Tab");
});

test("Page Down and Page Up step in classroom mode; Space on a focused button plays", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("Alt+c");
  await expect(page.getByTestId("key-legend")).toContainText("PageDown");
  await page.getByTestId("graph").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("PageDown");
  await expect(page.getByTestId("step-counter")).toContainText("step 1 /");
  await page.getByTestId("play-by").selectOption("hop");
  await page.getByTestId("graph").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("PageDown");
  await expect(page.getByTestId("step-counter")).toContainText("in egress2");
  await page.keyboard.press("PageDown");
  await expect(page.getByTestId("step-counter")).toContainText("in egress3");
  await page.keyboard.press("PageUp");
  await expect(page.getByTestId("step-counter")).toContainText("in egress2");
  const size = await page
    .getByTestId("step-counter")
    .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
  expect(size).toBeGreaterThanOrEqual(16);

  // Space on a focused step button plays (and pauses); it does not press the button.
  await page.getByTestId("btn-step").focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("btn-play")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("btn-play")).toHaveAttribute("aria-pressed", "false");
});

test("the event list shows every event, filters, and seeks to one", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  const list = page.getByTestId("event-list");
  await expect(page.getByTestId("event-count")).toContainText(/(\d+) of \1 happened/);
  await page.getByTestId("event-kind").selectOption({ label: "tail calls" });
  await expect(page.getByTestId("event-count")).toContainText("8 of 8 happened");
  await page.keyboard.press("Shift+F5");
  await expect(page.getByTestId("event-count")).toContainText("0 of 8 happened");
  await expect(page.getByTestId("event-0")).toContainText("egress1 tail-calls tail_programs[0] → egress2");
  await expect(list.locator("[data-when='future']").first()).toBeVisible();
  await page.getByTestId("event-kind").selectOption({ label: "all events" });
  await expect(page.getByTestId("event-0")).toContainText("packet 0 enters egress1 on CPU 0");
  await page.getByTestId("event-kind").selectOption({ label: "packets and verdicts" });
  await expect(page.getByTestId("event-1")).toContainText("packet 0 returns 1: SK_PASS");
  await page.getByTestId("event-cpu").selectOption("1");
  await expect(page.getByTestId("event-0")).toContainText("packet 1 enters egress1 on CPU 1");
  await page.getByTestId("event-0").click();
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress1");
  await expect(list.locator("[data-when='latest']")).toContainText("packet 1 enters");
});
