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
