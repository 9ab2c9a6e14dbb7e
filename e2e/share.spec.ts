import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("a share link reproduces the sources, scenario and cursor in a fresh browser", async ({
  page,
  browser,
}) => {
  // Two full app loads (the sharer's and a fresh browser's) and a run in each: on two busy cores
  // that alone can take most of the default 30 s.
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("04-tail-call-limit", "count_hops");
  await page.getByTestId("cpu-count").fill("3");
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  // Each key moves the cursor once the worker answers: wait for each move before the next, so
  // the step read below is where the cursor stays (a second F7 still in flight moved it on after
  // the read, and the link then carried a later step).
  for (const key of ["F8", "F7", "F7"]) {
    const before = (await page.getByTestId("step-counter").textContent()) ?? "";
    await page.keyboard.press(key);
    await expect(page.getByTestId("step-counter")).not.toHaveText(before);
  }
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in count_hops");
  const counter = (await page.getByTestId("step-counter").textContent()) ?? "";
  const step = /step (\d+) \//.exec(counter)?.[1];
  expect(Number(step)).toBeGreaterThan(0);

  await page.getByTestId("btn-share").click();
  const link = await page.getByTestId("share-link").inputValue();
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);

  // A new context: its own storage, nothing of the first page's work.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId("workspace-title")).toHaveText("The tail-call limit: 33 and no more");
  await expect(other.getByTestId("cpu-count")).toHaveValue("3");
  await expect(other.getByTestId("step-counter")).toContainText(`step ${step} /`, { timeout: 20_000 });
  await expect(other.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in count_hops");
  await expect(other.locator(".view-lines")).toContainText("bpf_tail_call(skb, &self, 0);");
  // The link is dropped from the address once opened, so a reload restores saved work instead.
  expect(other.url()).not.toContain("#s=");
  await fresh.close();
});

test("a broken or cut share link says so and leaves the seed in place", async ({ page }) => {
  await page.goto("/#s=eJzLSM3JyVcozy_KSQEAGgQEXQ-cut");
  await expect(page.getByTestId("notice")).toContainText("This share link is broken");
  await expect(page.getByTestId("workspace-title")).toHaveText("Passing tail_context between tail calls");
  await page.getByTestId("notice").getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("notice")).toBeHidden();
});

test("edits survive a reload", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.locator(".view-line", { hasText: "char LICENSE[]" }).click();
  await page.keyboard.press("Home");
  await page.keyboard.type("// kept across reloads\n");
  await expect(app.diagnosticsCount()).toHaveText("0 errors · 0 warnings");
  await page.waitForTimeout(400); // the save follows the last keystroke by 250 ms
  await page.reload();
  await expect(page.locator(".view-lines")).toContainText("// kept across reloads", { timeout: 20_000 });
});

test("opening a lesson over edits asks first, keeps them aside, and gives them back", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.locator(".view-line", { hasText: "char LICENSE[]" }).click();
  await page.keyboard.press("Home");
  await page.keyboard.type("// my own work\n");
  await page.getByTestId("btn-lessons").click();
  await page.getByTestId("lesson-04-tail-call-limit").click();
  const dialog = page.getByTestId("unsaved-dialog");
  await expect(dialog).toContainText("You have edited");
  await dialog.getByTestId("btn-keep-aside").click();
  await expect(page.getByTestId("workspace-title")).toHaveText("The tail-call limit: 33 and no more");
  await expect(page.locator(".view-lines")).not.toContainText("// my own work");

  await page.getByTestId("btn-lessons").click();
  await page.getByTestId("btn-restore-kept").click();
  await expect(page.locator(".view-lines")).toContainText("// my own work");
  await expect(page.getByTestId("workspace-title")).toHaveText("Passing tail_context between tail calls");
});

test("exports the scenario, the run report and the graph as files", async ({ page }) => {
  // Drawing the graph into a PNG twice the screen's size takes seconds on a 2-core machine.
  test.setTimeout(60_000);
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.getByTestId("btn-share").click();

  const saved = async (button: string) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(button).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  };
  const scenario = await saved("btn-export-scenario");
  expect(scenario.name).toBe("passing-tail-context-between-tail-calls.scenario.json");
  const parsed = JSON.parse(scenario.bytes.toString("utf8"));
  expect(Object.keys(parsed.files).sort()).toEqual(["maps.h", "programs.bpf.c"]);
  expect(parsed.attach).toEqual({ program: "egress1" });

  const report = JSON.parse((await saved("btn-export-report")).bytes.toString("utf8"));
  expect(report.packets).toHaveLength(4);
  expect(report.packets[0].programs).toEqual(["egress1", "egress2", "egress3"]);

  // The SVG is the whole graph as vectors: every edge on screen, the cells' values at the cursor.
  const svg = await saved("btn-export-svg");
  const svgText = svg.bytes.toString("utf8");
  expect(svgText).toContain("<svg");
  expect(svg.bytes.length).toBeLessThan(200_000);
  const edgeIds = await page
    .getByTestId("graph")
    .locator(".react-flow__edge")
    .evaluateAll((edges) => edges.map((e) => e.getAttribute("data-id") ?? ""));
  // The CPUs' attach edge, the two hops and the three map uses.
  expect(edgeIds.length).toBeGreaterThanOrEqual(6);
  // (The hop token is an animation over the graph, not one of its edges.)
  for (const id of edgeIds.filter((id) => !id.startsWith("token:")))
    expect(svgText).toContain(`data-edge="${id}"`);
  expect(svgText).toContain("value_from_1 = 11");
  // A hop's label, on two lines as on screen: the map above its slot.
  expect(svgText).toMatch(/>tail_programs<\/text><text [^>]*>\[0\]<\/text>/);

  // The PNG is drawn from the same picture at the chosen scale: 3× is three times 1×.
  const widthOf = (png: Buffer) => png.readUInt32BE(16);
  await page.getByTestId("png-scale").selectOption("1");
  const small = await saved("btn-export-png");
  expect(small.name).toMatch(/\.png$/);
  expect(small.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  await page.getByTestId("png-scale").selectOption("3");
  const large = await saved("btn-export-png");
  expect(widthOf(large.bytes)).toBe(widthOf(small.bytes) * 3);
  const viewWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svgText)?.[1]);
  expect(widthOf(small.bytes)).toBe(Math.round(viewWidth));
});

test("a scenario file opens from disk; an invalid one names the field", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const scenario = {
    title: "Imported",
    files: {
      "one.bpf.c":
        '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nSEC("xdp") int only(struct xdp_md *ctx) { return XDP_PASS; }\nchar LICENSE[] SEC("license") = "GPL";\n',
    },
    cpus: 1,
  };
  await page.getByTestId("import-file").setInputFiles({
    name: "imported.scenario.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await expect(page.getByTestId("workspace-title")).toHaveText("Imported");
  await expect(page.getByTestId("program-node-only")).toBeVisible({ timeout: 15_000 });

  await page.getByTestId("import-file").setInputFiles({
    name: "bad.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ ...scenario, cpus: 65 })),
  });
  await expect(page.getByTestId("notice")).toContainText("bad.json is not a valid scenario: cpus:");
});
