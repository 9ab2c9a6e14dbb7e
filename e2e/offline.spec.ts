import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

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
