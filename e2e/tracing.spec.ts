import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./app-page";

/** The app with a conformance case's program imported as a scenario of its own. */
async function openCase(page: Page, title: string, caseName: string): Promise<void> {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.importScenario(title, readFileSync(`test/conformance/cases/${caseName}/prog.bpf.c`, "utf8"));
}

test("a tracepoint program is checked, not run: the graph says so, and so does a run", async ({ page }) => {
  await openCase(page, "A tracepoint", "tracing-tracepoint-ok");
  await expect(page.getByTestId("checked-only-on_openat")).toHaveText("checked, not run", {
    timeout: 15_000,
  });
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("controls")).toContainText("checked, not run");
  await page.screenshot({ path: "test-results/tracepoint.png" });
});

test("a flow dissector's programs are checked, not run, and its tail-call slots are drawn", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openCase(page, "A flow dissector", "corpus-selftests-flow-dissector");
  for (const name of ["_dissect", "flow_dissector_0", "flow_dissector_1", "flow_dissector_2"]) {
    const badge = page.getByTestId(`checked-only-${name}`);
    await expect(badge).toHaveText("checked, not run", { timeout: 15_000 });
    // Legible at the laptop size: the badge is on screen, with text of a readable size.
    const size = await badge.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(11);
  }
  for (const slot of [0, 1, 2]) await expect(page.getByTestId(`prog-slot-jmp_table-${slot}`)).toBeVisible();
  // The CPUs do not claim to run it.
  await expect(page.getByTestId("cpu-node-0")).toContainText("_dissect: checked, not run");
  await page.screenshot({ path: "test-results/flow-dissector.png" });
});

test("a congestion control's struct_ops programs are checked, not run, each as the member it implements", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openCase(page, "A congestion control", "corpus-struct-ops-tcp-ca");
  const members = { halving_init: "init", halving_ssthresh: "ssthresh", halving_cong_avoid: "cong_avoid" };
  for (const [name, member] of Object.entries(members)) {
    await expect(page.getByTestId(`checked-only-${name}`)).toHaveText("checked, not run", {
      timeout: 15_000,
    });
    const node = page.getByTestId(`program-node-${name}`);
    await expect(node.locator(".node-detail")).toHaveText(`as ${member}`);
    await expect(node.locator(".node-detail")).toHaveAttribute(
      "title",
      `SEC("struct_ops/${name}") implements tcp_congestion_ops.${member}`,
    );
  }
  await page.screenshot({ path: "test-results/struct-ops.png" });
});
