import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("the timeline shows the run and seeks where it is clicked, or from the keyboard", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("btn-run").click();
  const slider = page.getByTestId("timeline").getByRole("slider");
  await expect(slider).toBeVisible();
  const total = Number(await slider.getAttribute("aria-valuemax"));
  expect(total).toBeGreaterThan(40);
  await expect(slider).toHaveAttribute("aria-valuenow", String(total));

  // Halfway along the lanes: the cursor lands mid-run, in the second half of the packets.
  const box = await slider.boundingBox();
  if (!box) throw new Error("no timeline box");
  const labels = 56;
  await page.mouse.click(box.x + labels + (box.width - labels) / 2, box.y + 10);
  await expect(slider).toHaveAttribute("aria-valuenow", String(Math.round(total / 2)));
  await expect(page.getByTestId("step-counter")).toContainText(`step ${Math.round(total / 2)} /`);

  await slider.focus();
  await page.keyboard.press("Home");
  await expect(slider).toHaveAttribute("aria-valuenow", "0");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("step-counter")).toContainText("step 1 /");
  await page.keyboard.press("End");
  await expect(slider).toHaveAttribute("aria-valuenow", String(total));
  await page.screenshot({ path: "test-results/timeline.png" });
});

test("the trace log shows trace_pipe lines, filters by CPU and program, and seeks to a line's step", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("btn-run").click();
  const log = page.getByTestId("trace-log");
  await expect(log).toContainText("16 lines");
  await expect(page.getByTestId("trace-line-0")).toContainText(
    /tailscope-4242 +\[000\] \.\.\.\.1 +\d+\.\d{6}: bpf_trace_printk: \[egress1\] Calling egress2/,
  );
  await page.getByTestId("trace-log-cpu").selectOption("1");
  await expect(log).toContainText("8 lines");
  await expect(page.getByTestId("trace-line-0")).toContainText("[001]");
  await page.getByTestId("trace-log-program").selectOption("egress3");
  await expect(log).toContainText("4 lines");
  await page.getByTestId("trace-line-1").click();
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress3");
});

test("a write flashes its cell with the old value, a failed tail call says why, hovering a local shows its value, ? lists the keys", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openLesson("05-empty-and-out-of-range", "dispatch");
  await app.runToEnd("F5");
  // Packet 1 tries the empty slot 1: after its tail call the graph says why it fell through.
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("tail-call-failure-dispatch")).toContainText(
    "tail call handlers[1] fell through: the slot is empty",
  );
  // Hovering `slot` shows its value at the cursor.
  const where = await page.evaluate(() => {
    // Where the word `slot` of `__u32 slot = next_slot % 4;` is drawn.
    const lines = [...document.querySelectorAll(".view-line")];
    // Monaco draws spaces as no-break spaces.
    const line = lines.find((l) => l.textContent?.replace(/\u00a0/g, " ").includes("__u32 slot = next_slot"));
    const walker = line ? document.createTreeWalker(line, NodeFilter.SHOW_TEXT) : null;
    for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
      const at = (node.textContent ?? "").search(/\bslot\b/);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 4);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  });
  if (!where) throw new Error("the line declaring slot is not on screen");
  await page.mouse.move(where.x, where.y);
  await expect(page.locator(".monaco-hover").filter({ hasText: "At step" })).toContainText("slot = 1");

  await page.keyboard.press("Escape");
  await page.getByTestId("graph").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  await expect(page.getByTestId("help-overlay")).toContainText("step into");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("help-overlay")).toBeHidden();

  // The seed: egress1's write of value_from_1 shows what the cell held before.
  await app.openLesson("01-seed-fixed", "egress1");
  await app.runToEnd("F5");
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-0")).toContainText(
    "value_from_1 = 11 (was 0)",
  );
  await expect(page.getByTestId("percpu-cell-tail_context_map-0-0")).toHaveClass(/written/);
});

test("CPU nodes show their queues, programs their last return value, the inspector the context fields and maps", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await expect(page.getByTestId("cpu-queue-0")).toHaveText("queue: 1 packet");
  await expect(page.getByTestId("cpu-queue-1")).toHaveText("queue: 2 packets");
  await page.keyboard.press("F8");
  await expect(page.getByTestId("program-return-egress3")).toHaveText("packet 0 returned 1");
  await page.getByTestId("context-fields").locator("summary").click();
  await expect(page.getByTestId("context-fields")).toContainText("len");
  await expect(page.getByTestId("context-fields")).toContainText("50 (0x32)");
  await page.getByTestId("map-contents").locator("summary").click();
  // Decoded by struct tail_context, with the bytes beside.
  await expect(page.getByTestId("map-table-tail_context_map")).toContainText(
    "CPU 0: value_from_1 = 11, value_from_2 = 22 0b16",
  );
  await expect(page.getByTestId("map-table-tail_programs")).toContainText("egress2");
});

test("a hop sends a token in the CPU's colour from the caller to the callee", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await expect(page.locator("[data-testid^=hop-token-]")).toHaveCount(0);
  await page.keyboard.press("F7");
  await expect(page.getByTestId("hop-token-0")).toHaveCount(1);
  await expect(page.getByTestId("hop-token-0").locator("animateMotion")).toHaveCount(1);
  await page.screenshot({ path: "test-results/hop.png" });
  // One step further, the hop is history: no token.
  await page.keyboard.press("F11");
  await expect(page.locator("[data-testid^=hop-token-]")).toHaveCount(0);
});
