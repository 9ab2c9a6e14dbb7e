import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

// The macro's build takes seconds of CPU and the hung engine spins one core for its whole
// limit: side by side on a 2-core machine, the build can reach the watchdog's 10 s. One at a time.
test.describe.configure({ mode: "serial" });

/** `#define X1 X0+X0` … `#define X33 X32+X32` and a use of X33: 2^33 tokens if expanded to the end. */
const doubling = [
  "#define X0 1",
  ...Array.from({ length: 33 }, (_, i) => `#define X${i + 1} X${i}+X${i}`),
  "int zz = X33;",
];

/**
 * Adds lines at the end of the file on show, in one input as a paste does: typed key by key,
 * the editor's word suggestions (which can open late under load) took an Enter and joined lines.
 */
async function typeAtEnd(page: import("@playwright/test").Page, lines: readonly string[]) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(`\n${lines.join("\n")}`);
}

test("a macro that doubles 33 times gives an error at its line, the last graph stays, and a reload is not stuck", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await typeAtEnd(page, doubling);
  const problem = app.problems().filter({ hasText: "macro expansion stopped" });
  await expect(problem).toHaveCount(1, { timeout: 30_000 });
  await expect(problem).toContainText(/programs\.bpf\.c:\d+:10/);
  // The graph keeps the last build that loaded, marked as out of date.
  await expect(app.graph()).toHaveAttribute("data-stale", "true");
  await expect(page.getByTestId("program-node-egress1")).toBeVisible();
  await expect(page.getByTestId("btn-run")).toBeDisabled();

  await page.reload();
  await expect(app.editorLines()).toBeVisible({ timeout: 20_000 });
  // The saved source comes back, and builds to the same error: not stuck at "Building…".
  await expect(
    app.problems().filter({ hasText: /macro expansion stopped.*|programs\.bpf\.c:\d+:10/ }),
  ).toHaveCount(1, {
    timeout: 30_000,
  });
});

test("an engine that stops answering is ended and restarted, the app says where, and typing goes on", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  // Everything but the last digit: `int zz = X3;` builds at once.
  await typeAtEnd(page, [...doubling.slice(0, -1), "int zz = X3;"]);
  await expect(app.diagnosticsCount()).toContainText("0 errors", { timeout: 20_000 });
  // A short watchdog (a developer setting, read at each call): X33's build, which makes two
  // million tokens before it stops, outlasts it by far.
  await page.evaluate(() => localStorage.setItem("tailscope.watchdogMs", "60"));
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("3");
  const notice = page.getByTestId("notice");
  await expect(notice).toContainText("Building programs.bpf.c took more than", { timeout: 30_000 });
  await expect(notice).toContainText("restarted its engine");
  await expect(notice).toContainText(/\(in (the preprocessor|the parser)\)/);
  await page.evaluate(() => localStorage.removeItem("tailscope.watchdogMs"));
  // Typing never waited: deleting the lines typed builds the seed again, in a fresh engine, and it runs.
  await page.keyboard.press("Control+End");
  for (let i = 0; i < doubling.length; i++) await page.keyboard.press("Shift+ArrowUp");
  await page.keyboard.press("Shift+End");
  await page.keyboard.press("Backspace");
  await expect(app.diagnosticsCount()).toContainText("0 errors", { timeout: 20_000 });
  await expect(app.graph()).toHaveAttribute("data-stale", "false");
  await app.runToEnd();
});

test("after a session that died mid-build, the app opens in safe mode and builds only when asked", async ({
  page,
}) => {
  // What the app leaves behind when the tab dies during a build.
  await page.addInitScript(() => {
    if (sessionStorage.getItem("marked")) return;
    sessionStorage.setItem("marked", "1");
    localStorage.setItem("tailscope.busy", JSON.stringify({ task: "build", file: "programs.bpf.c" }));
  });
  const app = new AppPage(page);
  await app.open();
  const banner = page.getByTestId("safe-mode");
  await expect(banner).toContainText("closed in the middle of a build of programs.bpf.c");
  await expect(page.getByTestId("program-node-egress1")).toHaveCount(0);
  await page.getByTestId("btn-build-now").click();
  await app.waitForBuild();
  await expect(banner).toHaveCount(0);
  // The next load is a normal one.
  await page.reload();
  await expect(app.editorLines()).toBeVisible({ timeout: 20_000 });
  await app.waitForBuild();
  await expect(page.getByTestId("safe-mode")).toHaveCount(0);
});

test("a packet stopped at the runaway limit shows as faulted in its program, with its step number whole", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  // A million statements and more: the runaway limit stops the one packet.
  const source = [
    "#include <vmlinux.h>",
    "#include <bpf/bpf_helpers.h>",
    'char LICENSE[] SEC("license") = "GPL";',
    "static long turn(__u64 index, void *ctx) { return 0; }",
    'SEC("cgroup_skb/egress")',
    "int spin(struct __sk_buff *skb) { bpf_loop(1 << 21, turn, 0, 0); return 1; }",
  ].join("\n");
  await app.importScenario("runaway", source, {
    cpus: 2,
    packets: { count: 1, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  });
  await expect(page.getByTestId("program-node-spin")).toBeVisible({ timeout: 15_000 });
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d{7}) \/ \1/, { timeout: 60_000 });
  // The program node says how the packet ended, not "not run yet".
  await expect(page.getByTestId("program-return-spin")).toHaveText("packet 0 faulted");
  await expect(page.getByTestId("program-return-spin")).toHaveAttribute("title", /ran more than 1,000,000/);
  // The fault's event: its seven-digit step keeps its width, and the text starts after it.
  await page.getByTestId("event-kind").selectOption({ label: "packets and verdicts" });
  const stop = page.getByTestId("event-list").getByRole("listitem").filter({ hasText: "stops" });
  await expect(stop).toHaveCount(1);
  const stepNumber = stop.locator(".event-step");
  await expect(stepNumber).toHaveText(/^\d{7}$/);
  const widths = await stepNumber.evaluate((span) => ({ shown: span.clientWidth, needed: span.scrollWidth }));
  expect(widths.shown).toBeGreaterThanOrEqual(widths.needed);
});
