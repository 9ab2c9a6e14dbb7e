import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./app-page";

/** Opens a conformance case with its whole scenario (packets, CPUs, control plane) and runs it. */
async function runCase(page: Page, caseName: string) {
  const dir = `test/conformance/cases/${caseName}`;
  const { title, main: _main, ...scenario } = JSON.parse(readFileSync(`${dir}/scenario.json`, "utf8"));
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  await app.importScenario(title, readFileSync(`${dir}/prog.bpf.c`, "utf8"), scenario);
  await expect(page.getByTestId("program-node-entry")).toBeVisible({ timeout: 15_000 });
  await app.runToEnd();
}

test("a queue and a stack show their values in the order pops take them", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runCase(page, "maps-queue-stack");
  const fifo = page.getByTestId("map-node-fifo");
  await expect(fifo).toContainText("queue · max 3");
  // The kernel leaves 70 then 80 in the queue (maps-queue-stack/kernel.json): 70 goes next.
  await expect(fifo).toContainText("next out");
  await expect(fifo).toContainText("70");
  await expect(page.getByTestId("map-node-lifo")).toContainText("stack · max 3");
  await expect(page.getByTestId("map-node-never")).toContainText("no entries");
  await expect(page.getByTestId("control-actions")).toContainText("push 0x07000000 to fifo");
  await page.screenshot({ path: "test-results/maps-queue-stack.png" });
});

test("an LPM trie names its prefixes as addresses", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runCase(page, "maps-lpm-trie");
  const routes = page.getByTestId("map-node-routes");
  await expect(routes).toContainText("lpm_trie · max 7");
  await expect(routes).toContainText("0.0.0.0/0");
  await page.screenshot({ path: "test-results/maps-lpm-trie.png" });
});

test("a bloom filter says it cannot list its values", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runCase(page, "maps-bloom-filter");
  await expect(page.getByTestId("map-node-words")).toContainText("only tested, never listed");
  await page.screenshot({ path: "test-results/maps-bloom-filter.png" });
});

test("ring buffer and perf records are listed with each packet in the run log", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runCase(page, "helpers-ringbuf");
  // Packet 0's first record (helpers-ringbuf/kernel.json): packet 1, len 70, ETH_P_IP, kind 1.
  await expect(page.getByTestId("record-0-0")).toHaveText("events ← 12 bytes: 01000000 46000000 08000100");
  await expect(page.getByTestId("run-log-packet-0")).toContainText("more records in the run report");
  await expect(page.getByTestId("map-node-events")).toContainText("records → the run log");
  const size = await page
    .getByTestId("record-0-0")
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(11);
  await page.screenshot({ path: "test-results/maps-ringbuf.png" });
  await page.getByTestId("run-log-packet-0").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/maps-ringbuf-log.png" });
});

test("a map of maps lists its slots, points to the maps in them, and swaps one live", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runCase(page, "maps-of-maps");
  const bySlot = page.getByTestId("map-node-by_slot");
  await expect(bySlot).toContainText("array_of_maps · max 3");
  // The kernel ends with counts_a in slot 0 and counts_c in slot 1; slot 2 was cleared.
  await expect(page.getByTestId("inner-select-by_slot-00000000")).toHaveValue("counts_a");
  await expect(page.getByTestId("inner-select-by_slot-01000000")).toHaveValue("counts_c");
  await expect(page.getByTestId("inner-select-by_slot-02000000")).toHaveValue("");
  // Only maps of the inner map's shape are offered: `wider` has eight slots, not four.
  const offered = await page.getByTestId("inner-select-by_slot-02000000").locator("option").allTextContents();
  expect(offered).toEqual(["empty", "counts_a", "counts_b", "counts_c"]);
  const edge = page.locator(".react-flow__edge", { hasText: "[1]" });
  await expect(edge).toHaveCount(1);
  await expect(page.getByTestId("map-node-by_id")).toContainText("hash_of_maps · max 4");
  await page.screenshot({ path: "test-results/maps-of-maps.png" });

  // Putting counts_b in slot 2 from here is a control-plane update from the next packet on.
  await page.getByTestId("inner-select-by_slot-02000000").selectOption("counts_b");
  await expect(page.getByTestId("control-actions")).toContainText("by_slot[2] ← map counts_b");
});

test("the packet view marks the bytes a program rewrote, in flight and as the packet left", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runCase(page, "skb-store-bytes");
  // At the run's end: the last packet as the test run gives it back (skb-store-bytes/kernel.json).
  const bytes = page.getByTestId("packet-bytes");
  await expect(bytes).toContainText("Packet 1 as it left");
  await expect(page.getByTestId("packet-bytes-summary")).toHaveText("2 bytes changed (offsets 1–2)");
  await expect(page.getByTestId("packet-bytes-changed-1")).toHaveText("ab");
  await expect(page.getByTestId("packet-bytes-changed-2")).toHaveText("cd");
  await expect(page.getByTestId("packet-bytes-changed-0")).toHaveCount(0);
  // One statement back, the packet is in flight, already rewritten.
  await page.getByRole("button", { name: /back/ }).first().click();
  await expect(bytes).toContainText("Packet 1 now");
  await expect(page.getByTestId("packet-bytes-changed-1")).toHaveText("ab");
  // The bytes are legible: a changed byte is drawn at a readable size.
  await bytes.scrollIntoViewIfNeeded();
  const cell = await page.getByTestId("packet-bytes-changed-1").boundingBox();
  expect(cell?.height ?? 0).toBeGreaterThanOrEqual(16);
  await page.screenshot({ path: "test-results/packet-bytes.png" });
});
