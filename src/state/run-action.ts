import { engineWorker } from "../worker/engine-client";
import { useTailscope } from "./store";

/** Runs the scenario's packets in the engine worker and stores the report (or why it could not run). */
export async function runPackets(): Promise<void> {
  const { files, main, cpus, packetCount, setRunning, setRun } = useTailscope.getState();
  setRunning(true);
  const result = await engineWorker().run({ files, main, cpus, packets: packetCount });
  if (result.ok) setRun({ report: result.report });
  else
    setRun({
      error:
        result.error.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join("\n") ||
        `the ${result.error.stage} stage failed`,
    });
}
