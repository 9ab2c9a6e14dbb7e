import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

/** Runs the command line exactly as the contract says: `npm run --silent cli -- …`. */
export function cli(...args: string[]) {
  const result = spawnSync("npm", ["run", "--silent", "cli", "--", ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
