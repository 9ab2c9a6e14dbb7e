import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import { type Figure, median } from "./measure";

/**
 * Issue 18's first screen: the JavaScript `index.html` loads or preloads (its module script, its
 * modulepreload links, and every chunk those import statically), gzipped; lazy chunks (Monaco)
 * are not counted, since the first screen does not wait for them.
 */
export function firstScreenBytes(dist: string): Figure {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const start = [
    ...html.matchAll(
      /<(?:script[^>]*type="module"|link[^>]*rel="modulepreload")[^>]*(?:src|href)="([^"]+\.js)"/g,
    ),
  ].map((m) => m[1]);
  const seen = new Set<string>();
  // `./assets/x.js` (the build's relative addresses) and `assets/x.js` (a chunk's import, joined)
  // are one file: keys without the leading `./` or `/`, so that none is counted twice.
  const pending = start.map((url) => url.replace(/^\.?\//, ""));
  let bytes = 0;
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file));
    bytes += gzipSync(code, { level: 9 }).length;
    // Static imports only: `import{…}from"./x.js"` and `import"./x.js"`, not `import("./x.js")`.
    for (const m of code.toString("utf8").matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g))
      pending.push(join(file, "..", m[1]));
  }
  return {
    name: "ui: first screen, JS index.html loads, gzipped",
    value: bytes / 1024,
    unit: "KB",
    target: 300,
  };
}

/**
 * From navigation to code, graph and step bar on screen, in a fresh browser context (nothing
 * cached), the median of five loads.
 */
export async function timeToUsableView(browser: Browser, url: string): Promise<Figure> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    const shown = await page.waitForFunction(
      () => {
        const code = document.querySelector("[data-testid=source-preview], .monaco-editor .view-lines");
        const graph = document.querySelector("[data-testid=program-node-egress1]");
        const steps = document.querySelector("[data-testid=step-counter]");
        return code && graph && steps ? performance.now() : 0;
      },
      undefined,
      { polling: "raf", timeout: 30_000 },
    );
    times.push(await shown.jsonValue());
    await context.close();
  }
  return {
    name: "ui: first screen, navigation to code, graph and step bar",
    value: median(times),
    unit: "ms",
    target: 1000,
  };
}
