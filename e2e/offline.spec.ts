import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";
import { DeployedCopy } from "./static-server";

test("the app makes no request outside localhost", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    const local = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    if (!local && !["data:", "blob:"].includes(url.protocol)) outside.push(request.url());
  });
  const app = new AppPage(page);
  await app.open();
  await app.fileTab("maps.h").click();
  await app.editorLines().hover();
  await page.waitForLoadState("networkidle");
  expect(outside).toEqual([]);
});

test("after one visit, the app opens and runs with no network", async ({ page, context }) => {
  const app = new AppPage(page);
  await app.open();
  // The service worker has stored the whole build (Monaco and the engine's worker included).
  await expect(page.getByTestId("offline-status")).toBeVisible({ timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(app.editorLines()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("program-node-egress1")).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await app.runToEnd();
  await expect(app.runLog()).toContainText("[egress3] first=11 second=22");
  await context.setOffline(false);
});

test("a new version is announced and waits for the person to reload", async ({ page }) => {
  const deployed = await DeployedCopy.start();
  try {
    await page.goto(deployed.url);
    await expect(page.getByTestId("offline-status")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("program-node-egress1")).toBeVisible({ timeout: 15_000 });
    // A new deployment: the same service worker with one byte more.
    appendFileSync(join(deployed.root, "sw.js"), "\n// a new version\n");
    await page.evaluate(() => {
      (window as unknown as { demoMarker: boolean }).demoMarker = true;
      return navigator.serviceWorker.getRegistration().then((r) => r?.update());
    });
    await expect(page.getByTestId("update-notice")).toBeVisible({ timeout: 20_000 });
    // Nothing was forced: the page is the same one, and it still runs.
    expect(await page.evaluate(() => (window as unknown as { demoMarker?: boolean }).demoMarker)).toBe(true);
    await new AppPage(page).runToEnd();
    await page.getByTestId("update-notice").getByRole("button", { name: "Later" }).click();
    await expect(page.getByTestId("update-notice")).toBeHidden();
  } finally {
    await deployed.stop();
  }
});
