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
        manualChunks(id: string) {
          if (id.includes("node_modules/monaco-editor")) return "monaco";
          if (id.includes("node_modules/@xyflow") || id.includes("node_modules/@dagrejs")) return "graph";
          return undefined;
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
