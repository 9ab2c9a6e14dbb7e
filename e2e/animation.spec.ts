import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { AppPage } from "./app-page";

/** The frames of a GIF, read block by block (GIF89a): each image descriptor is one frame. */
function gifFrames(bytes: Uint8Array): { width: number; height: number; frames: number } {
  const header = new TextDecoder().decode(bytes.subarray(0, 6));
  if (header !== "GIF89a" && header !== "GIF87a") throw new Error(`not a GIF: ${header}`);
  const width = bytes[6] | (bytes[7] << 8);
  const height = bytes[8] | (bytes[9] << 8);
  const packed = bytes[10];
  let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const skipSubBlocks = () => {
    while (bytes[at] !== 0) at += bytes[at] + 1;
    at++;
  };
  let frames = 0;
  for (;;) {
    const block = bytes[at++];
    if (block === 0x3b) break;
    if (block === 0x21) {
      at++;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      const local = bytes[at + 8];
      at += 9 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0);
      at++; // LZW minimum code size
      skipSubBlocks();
    } else throw new Error(`unexpected GIF block 0x${block?.toString(16)} at ${at - 1}`);
  }
  return { width, height, frames };
}

async function saved(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByTestId(button).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(await download.path())) };
}

test("a range of steps exports as a GIF with a frame per step, and as numbered PNGs", async ({ page }) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.getByTestId("btn-share").click();
  await page.getByTestId("animation-from").fill("3");
  await page.getByTestId("animation-to").fill("8");
  await page.getByTestId("animation-width").selectOption("640");

  const gif = await saved(page, "btn-export-gif");
  expect(gif.name).toBe("passing-tail-context-between-tail-calls-steps-3-8.gif");
  const read = gifFrames(gif.bytes);
  expect(read.frames).toBe(6);
  expect(read.width).toBe(640);
  expect(read.height).toBeGreaterThan(200);
  await expect(page.getByTestId("share-status")).toContainText(
    "Saved passing-tail-context-between-tail-calls-steps-3-8.gif",
  );

  // With the code beside the graph: the same frames, a wider picture scaled to the same width.
  await page.getByTestId("animation-code").check();
  const withCode = gifFrames((await saved(page, "btn-export-gif")).bytes);
  expect(withCode.frames).toBe(6);
  expect(withCode.height).toBeLessThan(read.height);

  const zip = await saved(page, "btn-export-png-series");
  const files = Object.keys(unzipSync(zip.bytes)).sort();
  expect(files).toEqual(["3", "4", "5", "6", "7", "8"].map((n) => `step-000${n}.png`));
});
