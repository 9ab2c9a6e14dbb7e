import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("a tracepoint program is checked, not run: the graph says so, and so does a run", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const source = readFileSync("test/conformance/cases/tracing-tracepoint-ok/prog.bpf.c", "utf8");
  await page.getByTestId("import-file").setInputFiles({
    name: "tracepoint.scenario.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ title: "A tracepoint", files: { "prog.bpf.c": source } })),
  });
  await expect(page.getByTestId("checked-only-on_openat")).toHaveText("checked, not run", {
    timeout: 15_000,
  });
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("controls")).toContainText("checked, not run");
  await page.screenshot({ path: "test-results/tracepoint.png" });
});
