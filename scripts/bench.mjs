// `npm run bench`: bundles bench/run.ts with esbuild, as Vite bundles the engine for the app's
// worker, and runs the bundle in Node. Bundling matters for the figures: run straight from
// TypeScript through tsx, every function is wrapped to keep its name and cross-module calls go
// through live bindings, which measured 30-50% slower than the code the app ships.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const outfile = join(root, ".bench", "run.mjs");

/** Each module's import.meta.dirname stays its own directory inside the one-file bundle. */
const keepDirnames = {
  name: "keep-import-meta-dirname",
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      return {
        contents: source.replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path))),
        loader: "ts",
      };
    });
  },
};

await build({
  entryPoints: [join(root, "bench", "run.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  plugins: [keepDirnames],
  // Node's own modules and the npm packages stay imports, resolved from node_modules.
  packages: "external",
  logLevel: "warning",
});
const result = spawnSync(process.execPath, ["--expose-gc", outfile, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exitCode = result.status ?? 1;
