import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("lesson 3: a shared ARRAY hands one CPU another's context; PERCPU_ARRAY fixes it", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("03-why-per-cpu", "egress1");
  await expect(page.getByTestId("lesson-panel")).toContainText("Why per-CPU");
  await expect(page.getByTestId("cpu-count")).toHaveValue("4");
  await expect(page.getByTestId("schedule")).toHaveValue("interleaved");
  await page.getByTestId("btn-run").click();
  await expect(app.runLog()).toContainText(/CPU \d reads a context CPU \d wrote!/);

  await app.replaceWord("BPF_MAP_TYPE_ARRAY", "BPF_MAP_TYPE_PERCPU_ARRAY");
  await expect(page.getByTestId("map-node-tail_context_map")).toContainText("percpu_array");
  await page.getByTestId("btn-run").click();
  await expect(app.runLog().getByText("reads its own context")).toHaveCount(8);
  await expect(app.runLog()).not.toContainText("wrote!");
});

test("lesson 2: the published seed fails to build, and hints come one at a time", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId("btn-lessons").click();
  await page.getByTestId("lesson-02-seed-as-published").click();
  await expect(app.diagnosticsCount()).toContainText("4 errors");
  await expect(page.getByTestId("btn-run")).toBeDisabled();
  await expect(page.getByTestId("hints").getByRole("listitem")).toHaveCount(0);
  await page.getByTestId("btn-hint").click();
  await expect(page.getByTestId("hints").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("hints")).toContainText("semicolon");
});

// Each lesson's headline moment, as the run log tells it.
const headlines = [
  { id: "04-tail-call-limit", first: "count_hops", says: "tail call refused after 34 runs" },
  { id: "05-empty-and-out-of-range", first: "dispatch", says: "slot 3: nothing to jump to, falling through" },
  { id: "06-packet-parser", first: "parse_eth", says: "parse_eth → parse_ipv6 → parse_udp · retval 2" },
  { id: "07-xdp-dispatcher", first: "xdp_dispatch", says: "xdp_dispatch → xdp_tcp · retval 1" },
  { id: "08-tc-classifier", first: "tc_classify", says: "tc_mark: mark 6, TC_ACT_SHOT" },
  { id: "09-bpf2bpf-and-tail-calls", first: "start", says: "start: hand_over returned 1" },
];

for (const lesson of headlines) {
  test(`lesson ${lesson.id}: ${lesson.says}`, async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.openLesson(lesson.id, lesson.first);
    await page.keyboard.press("F5");
    await expect(app.runLog()).toContainText(lesson.says);
  });
}

test("lesson 5: the control plane fills slot 1 before packet 4", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("05-empty-and-out-of-range", "dispatch");
  await page.getByTestId("btn-run").click();
  await expect(app.runLog()).toContainText("slot 1: nothing to jump to, falling through");
  await expect(app.runLog()).toContainText("packet 5: dispatch → handle_b");
  await expect(app.runLog()).toContainText("packet 8: dispatch · retval 1");
});

test("lesson 3, stepped: four CPUs in flight at once, each line in its CPU's colour; steps can follow one CPU", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("03-why-per-cpu", "egress1");
  await app.runToEnd("F5");
  await page.keyboard.press("Shift+F5");
  for (let i = 0; i < 6; i++) await page.keyboard.press("F11");
  await expect(page.getByTestId("step-counter")).toContainText(/^step 6 \//);
  await expect(page.getByTestId("other-cpus").getByRole("listitem")).toHaveCount(3);
  // Another CPU's packet opens to its own frames and locals.
  const other = page.getByTestId("other-cpus").locator("details").first();
  await other.locator("summary").click();
  await expect(other.locator("table.locals").first()).toContainText("next:");
  await expect(other.locator("[data-testid$=-frame-0]")).toBeVisible();
  await expect(page.locator(".view-overlays .cpu-current-line")).not.toHaveCount(0);
  await expect(page.locator("[data-testid^=program-cpus-]").first()).toBeVisible();

  await page.getByTestId("cpu-focus").selectOption("2");
  await page.keyboard.press("F11");
  await expect(page.getByTestId("step-counter")).toContainText("on CPU 2");
  await page.keyboard.press("F11");
  await expect(page.getByTestId("step-counter")).toContainText("on CPU 2");
  await page.screenshot({ path: "test-results/interleaved.png" });
});
