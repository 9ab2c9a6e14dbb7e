import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("classroom mode from the keyboard: large type, code and graph only, the keys in view, stepping", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.keyboard.press("Alt+c");
  await expect(page.getByTestId("app")).toHaveAttribute("data-classroom", "true");
  await expect(page.getByTestId("key-legend")).toContainText("next tail call");
  await expect(page.getByTestId("controls")).toBeHidden();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  const fontSize = await page.getByTestId("app").evaluate((el) => getComputedStyle(el).fontSize);
  expect(Number.parseFloat(fontSize)).toBeGreaterThanOrEqual(20);

  await app.runToEnd("F5");
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await expect(page.getByTestId("program-node-egress1")).toHaveAttribute("data-active", "true");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("program-node-egress2")).toHaveAttribute("data-active", "true");
  await page.screenshot({ path: "test-results/classroom.png" });

  await page.keyboard.press("Alt+c");
  await expect(page.getByTestId("controls")).toBeVisible();
});
