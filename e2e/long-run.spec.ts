import { expect, test } from "@playwright/test";
import { AppPage } from "./app-page";

test("a run longer than the app records says what it keeps, and its report has every packet", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForBuild();
  const scenario = {
    title: "Long",
    files: {
      "one.bpf.c":
        '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nSEC("xdp") int only(struct xdp_md *ctx) { return XDP_PASS; }\nchar LICENSE[] SEC("license") = "GPL";\n',
    },
    cpus: 2,
    packets: { count: 250_000, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  };
  await page.getByTestId("import-file").setInputFiles({
    name: "long.scenario.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await expect(page.getByTestId("program-node-only")).toBeVisible({ timeout: 15_000 });
  await page.getByTestId("btn-run").click();
  const notice = page.getByTestId("notice");
  await expect(notice).toContainText(
    "the first 100,000 packets (100,000 statements) are recorded for stepping",
    {
      timeout: 60_000,
    },
  );
  await expect(notice).toContainText("the other 150,000 (150,000 statements) ran at full speed");
  // The cursor ends with the recorded packets; the run log counts them all.
  await expect(page.getByTestId("step-counter")).toContainText("step 100000 / 100000");
  await expect(app.runLog()).toContainText("250000 packets");
});
