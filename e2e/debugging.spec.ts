import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./app-page";

const seedLines = readFileSync("src/lessons/01-seed-fixed/programs.bpf.c", "utf8").split("\n");
const lineOf = (text: string) => seedLines.findIndex((line) => line.includes(text)) + 1;
/** The first line holding `text` after the line holding `anchor`. */
const lineAfter = (anchor: string, text: string) =>
  seedLines.findIndex((line, i) => i >= lineOf(anchor) && line.includes(text)) + 1;

const cell = (page: Page, cpu: number) => page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`);

test.use({ viewport: { width: 1280, height: 800 } });

test("a per-CPU cell clicked through to the line that wrote it, and one store further", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await cell(page, 1)
    .getByRole("button", { name: /value_from_1 = 11/ })
    .click();
  const panel = page.getByTestId("why-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("tail_context_map[0].value_from_1 on CPU 1");
  await expect(page.getByTestId("why-value")).toContainText("0b");
  const writer = page.getByTestId("why-writer");
  await expect(writer).toContainText(/egress1 on CPU 1, packet 3, programs\.bpf\.c:(\d+)/);
  await expect(page.getByTestId("why-source-constant")).toContainText("a constant");
  await page.screenshot({ path: "test-results/why-seed.png" });

  // The jump lands just after the store's step, in egress1 on CPU 1.
  const text = (await writer.textContent()) ?? "";
  expect(Number(text.match(/programs\.bpf\.c:(\d+)/)?.[1])).toBe(lineOf("value_from_1 = 11"));
  const step = text.match(/\(step (\d+)\)/)?.[1];
  await page.getByTestId("why-writer-go").click();
  await expect(page.getByTestId("step-counter")).toContainText(`step ${step} /`);
  await expect(page.getByTestId("step-counter")).toContainText("packet 3 on CPU 1 in egress1");
  await expect(cell(page, 1)).toContainText("value_from_1 = 11");
});

test("a logpoint added after the run prints for every past hit, marked, and is saved with the scenario", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  const before = await page.getByTestId("trace-log-count").textContent();
  // The egress3 printk line, found from the trace log (the line it printed at) rather than hard-coded.
  await page.getByTestId("logpoint-line").fill(String(lineOf('bpf_printk("[egress3] first=%d')));
  await page
    .getByTestId("logpoint-input")
    .fill('"cpu=%u first=%u", bpf_get_smp_processor_id(), ctx2->value_from_1');
  await page.getByTestId("logpoint-add").click();
  await expect(page.getByTestId("logpoint-0")).toBeVisible();
  await expect(page.getByTestId("logpoint-error-0")).toHaveCount(0);
  const marked = page.locator("[data-logpoint]");
  await expect(marked.first()).toContainText(/logpointCPU 0 egress3: cpu=0 first=11/);
  await expect(page.getByTestId("trace-log-count")).not.toHaveText(before ?? "");
  // The run is unchanged: the step counter still at the same end.
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  await page.screenshot({ path: "test-results/logpoint.png" });

  // A bad argument says where it is wrong, at the logpoint.
  await page.getByTestId("logpoint-line").fill(String(lineOf('bpf_printk("[egress3] first=%d')));
  await page.getByTestId("logpoint-input").fill('"%u", nope');
  await page.getByTestId("logpoint-add").click();
  await expect(page.getByTestId("logpoint-error-1")).toContainText("argument 1");

  // Saved with the scenario: a reload brings the logpoints back.
  await expect.poll(() => savedLogpoints(page), { timeout: 15_000 }).toBe(2);
  await page.reload();
  await expect(app.editorLines()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("logpoint-0")).toBeVisible({ timeout: 20_000 });
});

test("a watch of a cell draws a lane under the timeline, its changes one click away", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.getByTestId("watch-input").fill("tail_context_map[0]@1.value_from_1");
  await page.getByTestId("watch-add").click();
  await expect(page.getByTestId("watch-value-0")).toHaveText("= 11");
  const lane = page.getByTestId("watch-lane-0");
  await expect(lane).toBeVisible();
  const lanes = await lane.boundingBox();
  const timeline = await page.getByTestId("timeline").locator("canvas").boundingBox();
  expect(lanes && timeline && lanes.y).toBeGreaterThan((timeline?.y ?? 0) + (timeline?.height ?? 0) - 1);
  // Back to the last change (the store of 11), then the one before it (the memset: 0).
  await page.getByTestId("watch-previous-0").click();
  await expect(page.getByTestId("watch-value-0")).toHaveText("= 11");
  await expect(page.getByTestId("step-counter")).not.toContainText(/step (\d+) \/ \1/);
  await page.getByTestId("watch-previous-0").click();
  await expect(page.getByTestId("watch-value-0")).toHaveText("= 0");
  await page.screenshot({ path: "test-results/watch.png" });
});

test("two runs compared: lesson 3's ARRAY against PERCPU_ARRAY part at the first store", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("03-why-per-cpu", "egress1");
  await app.runToEnd();
  await page.getByTestId("compare-pin").click();
  await expect(page.getByTestId("compare-run")).toBeVisible();
  await app.hideLesson();
  await app.replaceWord("BPF_MAP_TYPE_ARRAY", "BPF_MAP_TYPE_PERCPU_ARRAY");
  await app.runToEnd();
  await page.getByTestId("compare-run").click();
  await expect(page.getByTestId("compare-where")).toContainText("They part at packet 0");
  await expect(page.getByTestId("lockstep-A")).toContainText("the shared value");
  await expect(page.getByTestId("lockstep-B")).toContainText("CPU 0's copy");
  const index = await page.getByTestId("lockstep-index").textContent();
  await page.getByTestId("lockstep-forward").click();
  await expect(page.getByTestId("lockstep-index")).not.toHaveText(index ?? "");
  await expect(page.getByTestId("lockstep-differences")).toBeVisible();
  await page.screenshot({ path: "test-results/compare.png" });
});

/** How many logpoints the saved workspace holds (IndexedDB, as the autosave wrote it). */
function savedLogpoints(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const open = indexedDB.open("tailscope");
    const db: IDBDatabase = await new Promise((resolve) => {
      open.onsuccess = () => resolve(open.result);
    });
    if (!db.objectStoreNames.contains("work")) return 0;
    const saved = await new Promise<{ scenario: { logpoints?: unknown[] } } | undefined>((resolve) => {
      const request = db.transaction("work").objectStore("work").get("workspace");
      request.onsuccess = () => resolve(request.result);
    });
    return saved?.scenario.logpoints?.length ?? 0;
  });
}

test("locals, printk lines and return values answer too", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  // egress3's "first=… second=…" line: its arguments came from the per-CPU context.
  const firstLine = page.locator(".trace-line", { hasText: "first=11" }).first();
  await firstLine.getByRole("button", { name: "why?" }).click();
  const panel = page.getByTestId("why-panel");
  await expect(panel).toContainText("It is [egress3] first=11 second=22");
  await expect(page.getByTestId("why-source-memory").first()).toContainText("tail_context_map[00000000]");

  // Into a packet: the first printk line's step, in egress1, whose local `zero` is a constant.
  await page.getByTestId("trace-line-0").click();
  await expect(page.getByTestId("step-counter")).toContainText("in egress1");
  await page.getByTestId("why-local-zero").click();
  await expect(panel).toContainText("zero in egress1");
  await expect(page.getByTestId("why-writer")).toContainText(
    `programs.bpf.c:${lineAfter("long egress1", "__u32 zero = 0")}`,
  );
  await expect(page.getByTestId("why-source-constant")).toBeVisible();
  await page.screenshot({ path: "test-results/why-local.png" });
});
