import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("the seed builds in the worker and its object appears as a graph", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await expect(app.diagnosticsCount()).toHaveText("0 errors · 0 warnings");
  for (const name of ["egress1", "egress2", "egress3"])
    await expect(page.getByTestId(`program-node-${name}`)).toBeVisible();
  await expect(page.getByTestId("program-node-egress1")).toContainText("entry");
  await expect(page.getByTestId("slot-select-tail_programs-0")).toHaveValue("egress2");
  await expect(page.getByTestId("slot-select-tail_programs-1")).toHaveValue("egress3");
  for (const cpu of [0, 1]) {
    await expect(page.getByTestId(`cpu-node-${cpu}`)).toBeVisible();
    await expect(page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`)).toContainText("value_from_1");
    await expect(page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`)).toContainText("value_from_2");
  }
});

test("typing a syntax error shows a marker at the right line and lists it", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.hideLesson();
  // Line 39 is `\tbpf_tail_call(ctx, &tail_programs, TAIL_CALL_EGRESS_3);` in egress2: drop its ';'.
  // clang counts the tab as one column, so the missing ';' belongs at column 56.
  await page.locator(".view-line", { hasText: "TAIL_CALL_EGRESS_3);" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await expect(app.diagnosticsCount()).toHaveText("1 errors · 0 warnings");
  const problem = app.problems().first();
  await expect(problem).toContainText("programs.bpf.c:39:56");
  await expect(problem).toContainText("expected ';' after expression");
  await expect(page.locator(".monaco-editor .squiggly-error")).toHaveCount(1);
  // Fixing it clears the marker and brings the graph back.
  await page.keyboard.type(";");
  await expect(app.diagnosticsCount()).toHaveText("0 errors · 0 warnings");
  await expect(page.locator(".monaco-editor .squiggly-error")).toHaveCount(0);
});

test("a load error (prog-array slot past max_entries) is reported at the slot", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.fileTab("maps.h").click();
  await page.locator(".view-line", { hasText: "__uint(max_entries, 2);" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("1);");
  await expect(app.problems().first()).toContainText(
    "failed to initialize slot [1] to prog 'egress3': -E2BIG",
  );
  await app.problems().first().click();
  await expect(app.fileTab("maps.h")).toHaveAttribute("aria-selected", "true");
});

test("changing the number of CPUs adds CPU nodes and per-CPU cells", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("cpu-count").fill("4");
  await expect(page.getByTestId("cpu-node-3")).toBeVisible();
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-3")).toBeVisible();
});

/**
 * The seed built, then egress3 (lines 7-23) given the published seed's bug: its NULL check tests
 * the context, not the lookup.
 */
async function seedCheckingTheWrongPointer(page: import("@playwright/test").Page): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.locator(".view-line", { hasText: "if (!ctx2)" }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Backspace");
  return app;
}

test("a NULL check on the wrong pointer loads on 6.18 when the lookup cannot fail, with a note", async ({
  page,
}) => {
  const app = await seedCheckingTheWrongPointer(page);
  // The key is a constant 0 on the stack of a one-entry array: Linux 6.13 and later prove the
  // lookup cannot fail (kernel-facts §2.7, conformance case verify-null-elision).
  await expect(app.problems().first()).toContainText("this lookup cannot fail");
  await expect(app.diagnosticsCount()).toHaveText("0 errors · 0 warnings");
  await expect(app.problems().first()).toContainText("programs.bpf.c:20:");
  await expect(page.getByTestId("btn-run")).toBeEnabled();
});

test("a verifier rejection (a NULL check on the wrong pointer) is marked at the line that would fail", async ({
  page,
}) => {
  const app = await seedCheckingTheWrongPointer(page);
  // Key 1 is past the one-entry array: now the lookup can fail, and the kernel refuses the read.
  await page.locator(".view-line", { hasText: "__u32 zero = 0;" }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("1");
  await expect(app.diagnosticsCount()).toHaveText("1 errors · 0 warnings");
  const problem = app.problems().first();
  await expect(problem).toContainText("programs.bpf.c:20:");
  await expect(problem).toContainText("R0 invalid mem access 'map_value_or_null'");
  await expect(page.locator(".monaco-editor .squiggly-error")).toHaveCount(1);
  // The object still loads: the graph stays, and only running is refused.
  await expect(page.getByTestId("program-node-egress3")).toBeVisible();
  await expect(page.getByTestId("btn-run")).toBeDisabled();
  await page.screenshot({ path: "test-results/verifier-marker.png" });
});
