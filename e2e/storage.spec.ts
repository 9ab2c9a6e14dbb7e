import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./app-page";

/** A scenario with a 10 MB header beside its program: past what localStorage could hold. */
function largeScenario() {
  const line = `// ${"x".repeat(96)}\n`;
  return {
    title: "Large work",
    main: "big.bpf.c",
    files: {
      "big.bpf.c":
        '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n#include "notes.h"\nSEC("xdp") int only(struct xdp_md *ctx) { return XDP_PASS; }\nchar LICENSE[] SEC("license") = "GPL";\n',
      "notes.h": line.repeat(Math.ceil(10_000_000 / line.length)),
    },
    cpus: 1,
  };
}

/** The workspace as IndexedDB holds it now: its files. */
function savedFiles(page: Page): Promise<Record<string, string> | null> {
  return page.evaluate(async () => {
    const open = indexedDB.open("tailscope");
    const db: IDBDatabase = await new Promise((resolve) => {
      open.onsuccess = () => resolve(open.result);
    });
    if (!db.objectStoreNames.contains("work")) return null;
    const saved = await new Promise<{ scenario: { files: Record<string, string> } } | undefined>(
      (resolve) => {
        const request = db.transaction("work").objectStore("work").get("workspace");
        request.onsuccess = () => resolve(request.result);
      },
    );
    return saved?.scenario.files ?? null;
  });
}

async function openScenario(page: Page, scenario: object) {
  await page.getByTestId("import-file").setInputFiles({
    name: "large.scenario.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
}

test("a 10 MB workspace survives a reload, and put aside it comes back whole", async ({ page }) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await openScenario(page, largeScenario());
  await expect(page.getByTestId("workspace-title")).toHaveText("Large work");
  await expect(page.getByTestId("program-node-only")).toBeVisible({ timeout: 20_000 });
  // An edit of its own, then a reload once the autosave has run.
  await page.locator(".view-line", { hasText: "XDP_PASS" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(" // mine");
  await expect(page.getByTestId("notice")).toHaveCount(0);
  await expect
    .poll(async () => (await savedFiles(page))?.["big.bpf.c"] ?? "", { timeout: 15_000 })
    .toContain("// mine");
  await page.reload();
  await expect(app.editorLines()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("workspace-title")).toHaveText("Large work");
  await expect(page.locator(".view-line", { hasText: "// mine" })).toHaveCount(1);
  const notes = (await savedFiles(page))?.["notes.h"].length ?? 0;
  expect(notes).toBeGreaterThanOrEqual(10_000_000);

  // Opening a lesson over it asks first; kept aside, it can be restored whole.
  await page.getByTestId("btn-lessons").click();
  await page.getByTestId("lesson-03-why-per-cpu").click();
  await page.getByTestId("unsaved-dialog").getByRole("button", { name: /Keep/ }).click();
  await expect(page.getByTestId("workspace-title")).not.toHaveText("Large work");
  await page.getByTestId("btn-lessons").click();
  await expect(page.getByTestId("lesson-gallery")).toContainText("You put work aside: “Large work”");
  await page.getByTestId("btn-restore-kept").click();
  await expect(page.getByTestId("workspace-title")).toHaveText("Large work");
  await expect(app.fileTab("notes.h")).toBeVisible();
});

test("a save the browser refuses says so at once, offers a download, and nothing is opened over the work", async ({
  page,
}) => {
  // A browser whose storage for the site is full: every write fails.
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await page.locator(".view-line", { hasText: "#include" }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(" // an edit");
  const notice = page.getByTestId("notice");
  await expect(notice).toContainText(
    "Your edits could not be saved in this browser: the browser's storage for this site is full",
  );
  const download = page.waitForEvent("download");
  await page.getByTestId("btn-notice-download").click();
  expect((await download).suggestedFilename()).toMatch(/\.scenario\.json$/);

  await page.getByTestId("btn-lessons").click();
  await page.getByTestId("lesson-03-why-per-cpu").click();
  await page.getByTestId("unsaved-dialog").getByRole("button", { name: /Keep/ }).click();
  await expect(notice).toContainText("Your work could not be put aside");
  await expect(notice).toContainText("nothing was opened over it");
  await expect(page.locator(".view-line", { hasText: "// an edit" })).toHaveCount(1);
});

test("work an earlier version kept in localStorage moves to the new storage", async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem("seeded")) return;
    sessionStorage.setItem("seeded", "1");
    const scenario = {
      title: "Old work",
      files: {
        "old.bpf.c":
          '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nSEC("xdp") int legacy(struct xdp_md *ctx) { return XDP_PASS; }\nchar LICENSE[] SEC("license") = "GPL";\n',
      },
      cpus: 1,
    };
    localStorage.setItem(
      "tailscope.workspace",
      JSON.stringify({ lessonId: null, origin: scenario, current: scenario }),
    );
  });
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByTestId("workspace-title")).toHaveText("Old work");
  await expect(page.getByTestId("program-node-legacy")).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => localStorage.getItem("tailscope.workspace"))).toBeNull();
  await page.reload();
  await expect(page.getByTestId("workspace-title")).toHaveText("Old work");
});
