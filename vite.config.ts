import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Playwright writes into these folders while the dev server runs; watching them reloads the page mid-test.
const generatedFolders = ["**/test-results/**", "**/playwright-report/**", "**/e2e-artifacts/**"];

export default defineConfig({
  plugins: [react()],
  worker: { format: "es" },
  server: { watch: { ignored: generatedFolders } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Vite's preload helper serves every lazy import; left to itself it lands in Monaco's
            // chunk, and the first screen would load the whole editor to call it.
            { name: "preload-helper", test: /vite[\\/]preload-helper/, priority: 3 },
            { name: "monaco", test: /node_modules[\\/]monaco-editor/, priority: 2 },
            { name: "graph", test: /node_modules[\\/](@xyflow|@dagrejs)/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    reporters: ["default", "json"],
    outputFile: { json: "test-reports/unit.json" },
  },
});
