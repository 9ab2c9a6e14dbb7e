import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./app-page";
import { measurePicture } from "./picture-measure";

/** Every lesson, with the program its graph always shows. */
const lessons = [
  { id: "01-seed-fixed", first: "egress1", runs: true },
  { id: "02-seed-as-published", first: "egress1", runs: false },
  { id: "03-why-per-cpu", first: "egress1", runs: true },
  { id: "04-tail-call-limit", first: "count_hops", runs: true },
  { id: "05-empty-and-out-of-range", first: "dispatch", runs: true },
  { id: "06-packet-parser", first: "parse_eth", runs: true },
  { id: "07-xdp-dispatcher", first: "xdp_dispatch", runs: true },
  { id: "08-tc-classifier", first: "tc_classify", runs: true },
  { id: "09-bpf2bpf-and-tail-calls", first: "start", runs: true },
];

const views = [
  { name: "1280×800", width: 1280, height: 800, classroom: false, minText: 12 },
  { name: "classroom 1920×1080", width: 1920, height: 1080, classroom: true, minText: 16 },
];

/** Sets the CPU count (outside classroom mode, where the field is), runs, and makes a few hops. */
async function runWithCpus(page: Page, cpus: number, classroom: boolean, runs: boolean) {
  if (classroom) await page.keyboard.press("Alt+c");
  await expect(page.getByTestId("app")).toHaveAttribute("data-classroom", "false");
  await page.getByTestId("cpu-count").fill(String(cpus));
  await expect(page.getByTestId(`cpu-node-${cpus - 1}`)).toBeVisible();
  await expect(page.getByTestId(`cpu-node-${cpus}`)).toHaveCount(0);
  if (classroom) {
    await page.keyboard.press("Alt+c");
    await expect(page.getByTestId("app")).toHaveAttribute("data-classroom", "true");
  }
  if (!runs) return;
  // A lesson may stop the run at a breakpoint: Ctrl+F5 goes on to the end.
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step \d+ \/ \d+/);
  await page.keyboard.press("Control+F5");
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  await page.keyboard.press("Shift+F5");
  await expect(page.getByTestId("step-counter")).toContainText(/^step 0 \//);
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("step-counter")).not.toContainText(/^step 0 \//);
}

/** The fit lands a frame after a change: waits until the graph's zoom holds still. */
async function settled(page: Page) {
  let last = "";
  await expect
    .poll(async () => {
      const now = await page
        .locator("[data-testid=graph] .react-flow__viewport")
        .evaluate((el) => getComputedStyle(el).transform);
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
}

for (const view of views)
  for (const lesson of lessons)
    test(`the picture of ${lesson.id} at ${view.name}, 1 to 16 CPUs: framed, legible, no overlaps or crossing hops`, async ({
      page,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: view.width, height: view.height });
      const app = new AppPage(page);
      await app.open();
      await app.waitForBuild();
      if (lesson.id !== "01-seed-fixed") await app.openLesson(lesson.id, lesson.first);
      if (view.classroom) {
        await page.keyboard.press("Alt+c");
        await expect(page.getByTestId("app")).toHaveAttribute("data-classroom", "true");
      }
      for (const cpus of [1, 2, 4, 8, 16]) {
        await runWithCpus(page, cpus, view.classroom, lesson.runs);
        await settled(page);
        const seen = await measurePicture(page);
        const where = `${lesson.id}, ${cpus} CPUs, ${view.name}`;
        expect(seen.outside, `nodes outside the pane: ${where}`).toEqual([]);
        expect(seen.overlapping, `overlapping nodes: ${where}`).toEqual([]);
        expect(seen.underControls, `nodes under the zoom buttons: ${where}`).toEqual([]);
        expect(seen.crossing, `crossing hops: ${where}`).toEqual([]);
        expect(
          seen.smallestText.px,
          `smallest text "${seen.smallestText.text}" at zoom ${seen.zoom.toFixed(2)}: ${where}`,
        ).toBeGreaterThanOrEqual(view.minText - 0.05);
      }
    });

test("64 CPUs render and step: a square per CPU, the followed one spelled out, the grid's row follows it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("cpu-count").fill("64");
  await page.getByTestId("packet-count").fill("128");
  await expect(page.getByTestId("cpu-node-63")).toBeVisible();
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await expect(page.getByTestId("cpu-followed")).toContainText(/CPU 0: .*egress1/);
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-0")).toBeVisible();
  // The next packet runs on CPU 1: its row replaces CPU 0's, CPU 0 joins the heat map.
  await page.keyboard.press("F8");
  await expect(page.getByTestId("cpu-followed")).toContainText(/CPU 1: .*egress1/);
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-1")).toHaveClass(/map-cell/);
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-0")).toHaveClass(/heat-cpu/);
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-0")).toContainText("value_from_1 = 11");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("program-node-egress2")).toHaveAttribute("data-active", "true");
  // The hop egress1 made stays lit as the packet's trail.
  await expect(page.locator(".react-flow__edge.hop-trail")).toHaveCount(1);
  await settled(page);
  const seen = await measurePicture(page);
  expect(seen.outside).toEqual([]);
  expect(seen.overlapping).toEqual([]);
});

test("your own zoom stays while you step; the fit button frames the graph again", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd("button");
  await page.keyboard.press("Shift+F5");
  await settled(page);
  const viewport = page.locator("[data-testid=graph] .react-flow__viewport");
  const transform = () => viewport.evaluate((el) => getComputedStyle(el).transform);
  const framed = await transform();
  await page.locator(".react-flow__controls-zoomin").click();
  await settled(page);
  const zoomed = await transform();
  expect(zoomed).not.toBe(framed);
  for (const key of ["F8", "F7", "F7", "Shift+F7"]) await page.keyboard.press(key);
  await expect(page.getByTestId("program-node-egress2")).toHaveAttribute("data-active", "true");
  await settled(page);
  expect(await transform()).toBe(zoomed);
  await page.locator(".react-flow__controls-fitview").click();
  await expect.poll(transform).toBe(framed);
});
