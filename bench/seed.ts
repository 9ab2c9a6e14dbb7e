import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The founding example's lesson, which every benchmark runs (from bench/ or from .bench/). */
export const SEED_DIR = join(import.meta.dirname, "../src/lessons/01-seed-fixed");

/** The seed's sources, by file name. */
export function seedFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(SEED_DIR).map((name) => [name, readFileSync(join(SEED_DIR, name), "utf8")]),
  );
}
