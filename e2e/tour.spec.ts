import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("a lesson's tour advances stop by stop from the keyboard: the cursor, the spotlight and the note follow", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const tour = page.getByTestId("tour");
  await expect(tour).toContainText("A guided tour in 4 stops");
  // The first stop runs the scenario if it has not run, then puts the cursor there.
  await page.getByTestId("btn-tour-start").click();
  await expect(tour).toContainText("Tour · stop 1 of 4");
  await expect(page.getByTestId("tour-note")).toContainText("Packet 0 enters egress1 on CPU 0");
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in egress1");
  await expect(page.getByTestId("program-node-egress1")).toHaveClass(/spotlight/);
  await expect(page.getByTestId("map-node-tail_context_map")).toHaveClass(/spotlight/);

  await page.keyboard.press("Alt+t");
  await expect(tour).toContainText("Tour · stop 2 of 4");
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in egress2");
  await expect(page.getByTestId("program-node-egress2")).toHaveClass(/spotlight/);
  await expect(page.getByTestId("program-node-egress1")).not.toHaveClass(/spotlight/);

  await page.keyboard.press("Alt+t");
  await page.keyboard.press("Alt+t");
  await expect(tour).toContainText("Tour · stop 4 of 4");
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress1");
  await expect(page.getByTestId("btn-tour-next")).toBeDisabled();

  await page.keyboard.press("Alt+Shift+T");
  await expect(tour).toContainText("Tour · stop 3 of 4");
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in egress3");

  // In classroom mode the stop's note is a caption, and the same key moves on.
  await page.keyboard.press("Alt+c");
  const caption = page.getByTestId("classroom-bar").getByTestId("tour-note");
  await expect(caption).toContainText("egress3 reads both values back");
  await page.keyboard.press("Alt+t");
  await expect(caption).toContainText("Packet 1 runs on CPU 1");
});

test("predict, then see: a question holds the step until it is answered, then says why", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  // Off by default; a student turns them on in the tour panel.
  await expect(page.getByTestId("ask-questions")).not.toBeChecked();
  await page.getByTestId("ask-questions").check();
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await expect(page.getByTestId("step-counter")).toContainText("packet 0 on CPU 0 in egress1");
  await page.keyboard.press("F7");
  const question = page.getByTestId("question");
  await expect(question.getByTestId("question-ask")).toContainText("Which program runs next on CPU 0?");
  // The step waits: the cursor is still in egress1.
  await expect(page.getByTestId("step-counter")).toContainText("in egress1");
  await question.getByTestId("question-choice-1").click();
  await expect(question.getByTestId("question-reveal")).toContainText("Not quite: it is egress2.");
  await question.getByTestId("btn-question-continue").click();
  await expect(question).toHaveCount(0);
  await expect(page.getByTestId("step-counter")).toContainText("in egress2");
  // Asked once: from the start again, the same hop shows at once.
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("step-counter")).toContainText("in egress2");
  await expect(question).toHaveCount(0);
  // And the questions can be turned off.
  await page.getByTestId("ask-questions").uncheck();
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("step-counter")).toContainText("packet 1 on CPU 1 in egress3");
  await expect(question).toHaveCount(0);
});
