// Run in a child process by bench/memory.ts, so its peak resident memory is its own:
// `session N` records a run of N seed packets as the app's worker does; `cli ARGS…` is the CLI.
import { writeSync } from "node:fs";
import { seedFiles } from "./seed";

const [mode, ...rest] = process.argv.slice(2);
process.on("exit", () => writeSync(2, `\nmaxrss-kb ${process.resourceUsage().maxRSS}\n`));
if (mode === "session") {
  const { Session } = await import("../src/engine");
  const files = seedFiles();
  const started = Session.start(
    {
      files,
      main: "programs.bpf.c",
      cpus: 4,
      packets: { count: Number(rest[0]), cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    },
    { record: true },
  );
  if (!started.ok) throw new Error("the seed does not run");
} else {
  process.argv = [process.argv[0], "cli", ...rest];
  await import("../src/cli/main");
}
