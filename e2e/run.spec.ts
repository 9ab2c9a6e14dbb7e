import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("running 4 packets on 2 CPUs fills each CPU's tail_context cell with 11 and 22", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  for (const cpu of [0, 1])
    await expect(page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`)).toContainText("value_from_1 = 0");
  await page.getByTestId("packet-count").fill("4");
  await page.getByTestId("btn-run").click();
  const log = page.getByTestId("run-log");
  await expect(log).toContainText("Run · 4 packets");
  await expect(log).toContainText("egress1 → egress2 → egress3");
  await expect(log).toContainText("bpf_trace_printk: [egress3] first=11 second=22");
  for (const cpu of [0, 1]) {
    const cell = page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`);
    await expect(cell).toContainText("value_from_1 = 11");
    await expect(cell).toContainText("value_from_2 = 22");
  }
});

test("clearing the prog array's size to one slot makes the run impossible, with libbpf's reason", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.fileTab("maps.h").click();
  await page.locator(".view-line", { hasText: "__uint(max_entries, 2);" }).click();
  await page.keyboard.press("End");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("1);");
  await expect(app.problems().first()).toContainText("-E2BIG");
  await expect(page.getByTestId("btn-run")).toBeDisabled();
});

test("the interleaved schedule runs the CPUs at once; per-CPU cells still end at 11 and 22", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("cpu-count").fill("4");
  await page.getByTestId("packet-count").fill("8");
  await page.getByTestId("schedule").selectOption("interleaved");
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("run-log")).toContainText("Run · 8 packets");
  for (const cpu of [0, 1, 2, 3]) {
    await expect(page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`)).toContainText(
      "value_from_1 = 11",
    );
    await expect(page.getByTestId(`percpu-cell-tail_context_map-0-${cpu}`)).toContainText(
      "value_from_2 = 22",
    );
  }
  // The interleaved run is stepped too; the cursor starts at its end.
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
});

test("clearing a prog-array slot from the graph stops the chain early from the next packet, and refilling it restores it", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  // At packet 1, hop 0: the change applies from packet 2.
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await page.keyboard.press("F8");
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress1");
  await page.getByTestId("slot-select-tail_programs-1").selectOption("");
  await expect(page.getByTestId("control-actions")).toContainText("before packet 2: clear tail_programs[1]");
  // The cursor stays at packet 1; the log, asked for the packets still to come, shows packets
  // 2 and 3 ending in egress2.
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress1");
  await expect(page.getByTestId("run-log")).toContainText("packet 1: egress1 · running");
  await expect(page.getByTestId("run-log")).not.toContainText("packet 2:");
  await page.getByTestId("run-log-future").check();
  await expect(page.getByTestId("run-log")).toContainText("packet 2: egress1 → egress2 · will return 1");
  await expect(page.getByTestId("run-log")).toContainText("packet 3: egress1 → egress2 · will return 1");
  // Stepping on to packet 2 shows the empty slot in the graph.
  await page.keyboard.press("F8");
  await expect(page.getByTestId("slot-select-tail_programs-1")).toHaveValue("");

  await page.getByTestId("control-actions").getByRole("button").click();
  await expect(page.getByTestId("run-log")).toContainText(
    "packet 3: egress1 → egress2 → egress3 · will return 1",
  );
});

test("the control-plane form adds a map update or delete between packets, and names a mistake", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.getByTestId("add-control").locator("summary").click();
  // A data map: a struct value typed by its fields; a field it does not have is named.
  await page.getByTestId("control-map").selectOption("tail_context_map");
  await page.getByTestId("control-value").fill("value_from_3=1");
  await page.getByTestId("control-add").click();
  await expect(page.getByTestId("control-error")).toHaveText(
    "value: no field 'value_from_3' (fields: value_from_1, value_from_2)",
  );
  await page.getByTestId("control-value").fill("value_from_2=99");
  await page.getByTestId("control-add").click();
  await expect(page.getByTestId("control-error")).toHaveCount(0);
  await expect(page.getByTestId("control-actions")).toContainText(
    "before packet 0: tail_context_map[0] ← 0x0063",
  );
  // The prog array: clearing slot 0 before packet 1 leaves packets 1 to 3 in egress1.
  await page.getByTestId("control-map").selectOption("tail_programs");
  await page.getByTestId("control-op").selectOption("delete");
  await page.getByTestId("control-before").fill("1");
  await page.getByTestId("control-key").fill("0");
  await page.getByTestId("control-add").click();
  await expect(page.getByTestId("control-actions")).toContainText("before packet 1: clear tail_programs[0]");
  await expect(app.runLog()).toContainText("packet 0: egress1 → egress2 → egress3");
  await expect(app.runLog()).toContainText("packet 1: egress1 · retval");
  await expect(app.runLog()).toContainText("packet 3: egress1 · retval");
});

test("a long run shows its progress and can be cancelled; the app stays usable", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.getByTestId("packet-count").fill("100000");
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("run-progress")).toBeVisible();
  await expect(page.getByTestId("run-progress").getByRole("progressbar")).toHaveAttribute(
    "aria-label",
    /of 100,000 packets/,
  );
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("run-progress")).toBeHidden();
  await expect(page.getByTestId("notice")).toContainText("Run cancelled");
  // A fresh engine takes over: building and running still work.
  await page.getByTestId("packet-count").fill("4");
  await app.runToEnd();
  await expect(page.getByTestId("run-log")).toContainText("Run · 4 packets");
});
