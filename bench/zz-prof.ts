import { simulate } from "../src/engine";
import { seedFiles } from "./seed";
const files = Object.fromEntries(Object.entries(seedFiles()).map(([n, t]) => [n, t.split("\n").filter((l) => !l.includes("bpf_printk")).join("\n")]));
const run = (count: number) => simulate({ files, main: "programs.bpf.c", cpus: 4, packets: { count, cpu: "round-robin", seed: 1, template: "ipv4-udp" } });
run(2000);
for (let i = 0; i < 3; i++) {
  const n = 300_000;
  const t = performance.now();
  const r = run(n);
  const s = (performance.now() - t) / 1000;
  console.log(`${((s * 1e9) / n).toFixed(0)} ns/packet`, r.ok);
}
