import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { shareFragment } from "../src/state/share-link";
import { AppPage } from "./app-page";

test("the page refuses eval and scripts from elsewhere, and using the app breaks none of its own rules", async ({
  page,
}) => {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    ),
  );
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.runToEnd();
  await page.keyboard.press("Shift+F7");
  await page.getByTestId("btn-share").click();
  await expect(page.getByTestId("share-dialog")).toBeVisible();
  expect(violations).toEqual([]);
  // The policy allows no eval on this page (the generated code runs in the engine's worker).
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  const scriptSource = policy?.split(";").find((d) => d.trim().startsWith("script-src"));
  expect(scriptSource?.trim()).toBe("script-src 'self'");
  // An inline script, as a markup injection would add, is refused and never runs.
  const inlineRan = await page.evaluate(async () => {
    const refused = new Promise((resolve) =>
      document.addEventListener("securitypolicyviolation", resolve, { once: true }),
    );
    const script = document.createElement("script");
    script.textContent = "window.__inline = 1";
    document.head.append(script);
    await refused;
    return (window as unknown as { __inline?: number }).__inline;
  });
  expect(inlineRan).toBeUndefined();
  const injected = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.src = "https://example.invalid/x.js";
    const refused = new Promise((resolve) =>
      document.addEventListener("securitypolicyviolation", resolve, { once: true }),
    );
    document.head.append(script);
    return (await refused) !== undefined && !("__remote" in window);
  });
  expect(injected).toBe(true);
});

test("markup in a shared scenario's title, file names, sources and printk output shows as text", async ({
  page,
}) => {
  // No double quote in it: a file name in an #include "…" cannot hold one.
  const payload = "<img src=x onerror=window.__pwned=1>";
  const seedDir = join(import.meta.dirname, "../src/lessons/01-seed-fixed");
  const seedFiles = Object.fromEntries(
    readdirSync(seedDir)
      .filter((name) => /\.(c|h)$/.test(name))
      .map((name) => [name, readFileSync(join(seedDir, name), "utf8")]),
  );
  const main = "programs.bpf.c";
  const files = {
    ...seedFiles,
    // A header whose name is markup, included by the program; a printk whose text is markup.
    [`${payload}.h`]: "#define GREETING 1\n",
    [main]: seedFiles[main]
      .replace('#include "maps.h"', `#include "maps.h"\n#include "${payload}.h"`)
      .replace('bpf_printk("[egress1] Calling egress2");', `bpf_printk("${payload}");`),
  };
  const fragment = shareFragment(
    {
      title: `<script>window.__pwned=1</script>${payload}`,
      lessonId: null,
      files,
      main,
      settings: {
        attach: { program: "egress1" },
        cpus: 2,
        packets: { count: 2, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
        control: [],
        schedule: { mode: "sequential" },
      },
    },
    null,
  );
  const app = new AppPage(page);
  await page.goto(`/${fragment}`);
  await expect(app.editorLines()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("workspace-title")).toHaveText(`<script>window.__pwned=1</script>${payload}`);
  await expect(app.fileTab(`${payload}.h`)).toBeVisible();
  await expect(page.getByTestId("program-node-egress1")).toBeVisible({ timeout: 15_000 });
  await app.runToEnd();
  await expect(app.runLog()).toContainText(payload);
  // Shown, never made into elements or run.
  expect(await page.locator("img[src='x']").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
