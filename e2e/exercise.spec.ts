import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("an exercise says what is still wrong, passes after the change it asks for, and remembers it", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const exercise = page.getByTestId("exercise");
  await expect(exercise).toContainText("Make egress2 write 33 instead of 22");
  // As shipped: not done, and why, in words (the check runs the scenario itself).
  await exercise.getByTestId("btn-check-exercise").click();
  await expect(exercise.getByTestId("exercise-result")).toContainText(
    "CPUs 0, 1 never printed “second=33”: CPU 0's last line was “[egress3] first=11 second=22”.",
  );
  // The change: 22 becomes 33 in egress2 (Monaco's go-to-line, then the end of that line).
  const source = readFileSync(new URL("../src/lessons/01-seed-fixed/programs.bpf.c", import.meta.url), "utf8");
  const line = source.split("\n").findIndex((text) => text.includes("value_from_2 = 22;")) + 1;
  await page.locator(".view-line").first().click();
  await page.keyboard.press("Control+g");
  await page.keyboard.type(String(line));
  await page.keyboard.press("Enter");
  await page.keyboard.press("End");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("33;");
  await expect(page.locator(".view-line", { hasText: "value_from_2 = 33" })).toBeVisible();
  await exercise.getByTestId("btn-check-exercise").click();
  await expect(exercise.getByTestId("exercise-result")).toHaveText("Done: the run does what the task asks.");
  await expect(exercise).toContainText("Exercise (done ✓)");

  // Kept in the browser across a reload, until reset.
  await page.reload();
  await expect(page.getByTestId("exercise")).toContainText("Exercise (done ✓)");
  await page.getByTestId("btn-reset-exercises").click();
  await expect(page.getByTestId("exercise")).not.toContainText("done ✓");
});
