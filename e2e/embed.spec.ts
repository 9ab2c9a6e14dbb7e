import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";
import { DeployedCopy } from "./static-server";

test("the share dialog's iframe opens, in a fresh browser and from a site's own path, at the same step, saving nothing", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in egress2");
  const counter = (await page.getByTestId("step-counter").textContent()) ?? "";
  const step = /step (\d+) \//.exec(counter)?.[1];
  expect(step).toBeDefined();
  await page.getByTestId("btn-share").click();
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  expect(snippet).toMatch(
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#s=[^"]+" title="Tailscope: Passing tail_context between tail calls"/,
  );
  const src = /src="([^"]+)"/.exec(snippet)?.[1] ?? "";

  // Served by another site under a path of its own, in a page of that site, in a fresh browser.
  const site = await DeployedCopy.start("notes/tailscope/");
  const fragment = new URL(src).hash;
  const context = await browser.newContext();
  try {
    const reader = await context.newPage();
    // The article: a page of that site with the snippet, pointing at the site's copy.
    const iframe = snippet.replace(src, `${site.url}notes/tailscope/embed.html${fragment}`);
    writeFileSync(join(site.root, "notes", "article.html"), `<!doctype html><h1>An article</h1>${iframe}`);
    await reader.goto(`${site.url}notes/article.html`);
    const frame = reader.frameLocator("iframe");
    await expect(frame.getByTestId("step-counter")).toContainText(`step ${step} /`, { timeout: 30_000 });
    await expect(frame.getByTestId("program-node-egress2")).toHaveAttribute("data-active", "true");
    await expect(frame.getByTestId("embed-code").locator(".embed-current")).toBeVisible();
    await expect(frame.getByTestId("narration")).toBeVisible();
    // No toolbar, no lessons: the code, the graph and the step bar.
    await expect(frame.getByTestId("btn-lessons")).toHaveCount(0);
    await expect(frame.getByTestId("btn-share")).toHaveCount(0);
    // Stepping works in the frame, and the link to the app follows the cursor.
    await frame.getByTestId("btn-step-hop").click();
    await expect(frame.getByTestId("program-node-egress3")).toHaveAttribute("data-active", "true");
    const open = await frame.getByTestId("embed-open").getAttribute("href");
    expect(open).toMatch(/\/notes\/tailscope\/index\.html#s=/);
    // Nothing written to the page's storage: no local storage, no database.
    const stored = await frame.locator("body").evaluate(async () => ({
      local: localStorage.length,
      databases: (await indexedDB.databases()).length,
    }));
    expect(stored).toEqual({ local: 0, databases: 0 });
  } finally {
    await context.close();
    await site.stop();
  }
});
