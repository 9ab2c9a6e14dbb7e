import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("every step is told in a sentence: under the step bar, spoken by screen readers, a caption in classroom mode", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const narration = page.getByTestId("narration");
  await expect(narration).toContainText("Run the scenario");
  await expect(narration).toHaveAttribute("aria-live", "polite");
  await app.runToEnd();
  await page.keyboard.press("Shift+F5");
  await expect(narration).toContainText("Step 0: no packet has run yet");
  await page.keyboard.press("F8");
  await expect(narration).toHaveText("CPU 0 takes packet 0: it enters egress1, the attached program.");
  await page.keyboard.press("F7");
  await expect(narration).toHaveText(
    "CPU 0: egress1 tail-calls slot 0 of tail_programs, which holds egress2; egress1's frame is gone and egress2 starts with the same context.",
  );
  await page.keyboard.press("F10");
  await expect(narration).toHaveText(/^CPU 0 runs line \d+ of egress2: /);
  await page.keyboard.press("Shift+F10");
  await expect(narration).toContainText("Going back undoes");

  // Classroom mode shows it as a large caption over the graph and the code.
  await page.keyboard.press("Alt+c");
  await expect(page.getByTestId("app")).toHaveAttribute("data-classroom", "true");
  const caption = page.getByTestId("classroom-bar").getByTestId("narration");
  await expect(caption).toBeVisible();
  await page.keyboard.press("F7");
  await expect(caption).toContainText("egress2 tail-calls slot 1 of tail_programs, which holds egress3");
  const size = await caption.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
});

test("the narration can be spoken aloud, and stops when turned off", async ({ page }) => {
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    Object.defineProperty(window, "speechSynthesis", {
      value: { speak: (u: { text: string }) => said.push(u.text), cancel: () => {} },
    });
    (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
      constructor(readonly text: string) {}
    };
  });
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.getByTestId("narration-speak").check();
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said.at(-1)))
    .toBe("CPU 0 takes packet 0: it enters egress1, the attached program.");
  await page.getByTestId("narration-speak").uncheck();
  const count = await page.evaluate(() => (window as unknown as { said: string[] }).said.length);
  await page.keyboard.press("F7");
  await expect(page.getByTestId("narration").first()).toContainText("tail-calls");
  expect(await page.evaluate(() => (window as unknown as { said: string[] }).said.length)).toBe(count);
});
