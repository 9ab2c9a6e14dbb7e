import { expect, type Page, test } from "@playwright/test";

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url).pathname;

async function open(page: Page, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.goto("/");
  await expect(page.getByTestId("program-node-egress1")).toBeVisible({ timeout: 20_000 });
}

/** Runs with a CPU count, back to the start, the first packet and two hops: the story mid-way. */
async function twoHops(page: Page, cpus: number) {
  await page.getByTestId("cpu-count").fill(String(cpus));
  await expect(page.getByTestId(`cpu-node-${cpus - 1}`)).toBeVisible();
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  await page.keyboard.press("Shift+F5");
  await page.keyboard.press("F8");
  await page.keyboard.press("F7");
  await page.keyboard.press("F7");
  await expect(page.getByTestId("program-node-egress3")).toHaveAttribute("data-active", "true");
  // The token's trip and the fit are done well within this.
  await page.waitForTimeout(1200);
}

for (const [cpus, name] of [
  [2, "screenshot.png"],
  [8, "cpus-8.png"],
  [16, "cpus-16.png"],
] as const)
  test(`the seed at 1280×800 with ${cpus} CPUs`, async ({ page }) => {
    await open(page, 1280, 800);
    await twoHops(page, cpus);
    await page.screenshot({ path: docs(name) });
  });

for (const [cpus, name] of [
  [2, "classroom.png"],
  [16, "classroom-16.png"],
] as const)
  test(`classroom mode at 1920×1080 with ${cpus} CPUs`, async ({ page }) => {
    await open(page, 1920, 1080);
    await page.getByTestId("cpu-count").fill(String(cpus));
    await page.keyboard.press("Alt+c");
    await expect(page.getByTestId("app")).toHaveAttribute("data-classroom", "true");
    await page.getByTestId("btn-run").click();
    await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
    await page.keyboard.press("Shift+F5");
    await page.keyboard.press("F8");
    await page.keyboard.press("F7");
    await expect(page.getByTestId("program-node-egress2")).toHaveAttribute("data-active", "true");
    await page.waitForTimeout(1200);
    await page.screenshot({ path: docs(name) });
  });

test("lesson 3 stepped on four interleaved CPUs", async ({ page }) => {
  await open(page, 1440, 900);
  await page.getByTestId("btn-lessons").click();
  await page.getByTestId("lesson-03-why-per-cpu").click();
  await expect(page.getByTestId("lesson-gallery")).toBeHidden();
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step \d+ \/ \d+/);
  await page.keyboard.press("Control+F5");
  await page.keyboard.press("Shift+F5");
  for (let i = 0; i < 14; i++) await page.keyboard.press("F11");
  await expect(page.getByTestId("step-counter")).toContainText(/^step 14 \//);
  await page.waitForTimeout(1200);
  await page.screenshot({ path: docs("interleaved.png") });
});

const flows = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct flow { __u16 sport; __u16 dport; };

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, struct flow);
	__type(value, __u64);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} by_proto SEC(".maps");

SEC("cgroup_skb/egress")
int count(struct __sk_buff *skb)
{
	__u32 proto = 17;
	__u64 *n = bpf_map_lookup_elem(&by_proto, &proto);
	if (n)
		*n += 1;
	struct flow f = { .sport = 1000 + bpf_get_prandom_u32() % 4, .dport = 53 };
	__u64 one = 1;
	bpf_map_update_elem(&flows, &f, &one, BPF_ANY);
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
`;

test("a hash map keyed by a struct, and the inspector's decoded maps", async ({ page }) => {
  await open(page, 1440, 900);
  await page.getByTestId("import-file").setInputFiles({
    name: "flows.scenario.json",
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({ title: "Counting flows", files: { "flows.bpf.c": flows }, cpus: 2 }),
    ),
  });
  await expect(page.getByTestId("program-node-count")).toBeVisible({ timeout: 15_000 });
  await page.getByTestId("packet-count").fill("6");
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  await page.waitForTimeout(1200);
  await page.screenshot({ path: docs("maps.png") });
});

test("the first packet's chain as an animated GIF, made by the app's own export", async ({ page }) => {
  await open(page, 1280, 800);
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  await page.keyboard.press("Shift+F5");
  await page.getByTestId("btn-share").click();
  await page.getByTestId("animation-from").fill("0");
  // The seed's first packet, from entering egress1 to egress3's printk lines.
  await page.getByTestId("animation-to").fill("20");
  await page.getByTestId("animation-width").selectOption("640");
  await page.getByTestId("animation-fps").selectOption("2");
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByTestId("btn-export-gif").click(),
  ]);
  await download.saveAs(docs("steps.gif"));
});

test("where a value came from, with a watch's lane under the timeline", async ({ page }) => {
  await open(page, 1280, 800);
  await page.getByTestId("lesson-panel").getByRole("button", { name: "Hide" }).click();
  await page.getByTestId("btn-run").click();
  await expect(page.getByTestId("step-counter")).toContainText(/step (\d+) \/ \1/);
  await page.getByTestId("watch-input").fill("tail_context_map[0]@1.value_from_1");
  await page.getByTestId("watch-add").click();
  await expect(page.getByTestId("watch-lane-0")).toBeVisible();
  await page
    .getByTestId("percpu-cell-tail_context_map-0-1")
    .getByRole("button", { name: /value_from_1/ })
    .click();
  await expect(page.getByTestId("why-writer")).toBeVisible();
  await page.getByTestId("why-panel").scrollIntoViewIfNeeded();
  await page.screenshot({ path: docs("debugging.png") });
});
