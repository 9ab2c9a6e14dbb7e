import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";

// Playwright writes into these folders while the dev server runs; watching them reloads the page mid-test.
const generatedFolders = ["**/test-results/**", "**/playwright-report/**", "**/e2e-artifacts/**"];

export default defineConfig({
  // Relative addresses: the build works from any static host under any path (an article's
  // site can serve embed.html from wherever it keeps the build).
  base: "./",
  plugins: [
    react(),
    // An installable app that opens with no network after one visit: Workbox precaches the
    // whole build (Monaco and the engine's worker included). A new version waits, announced,
    // until the person reloads: never forced mid-demo.
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["favicon.svg", "page-policy.js"],
      manifest: {
        name: "Tailscope",
        short_name: "Tailscope",
        description:
          "See eBPF tail calls and per-CPU maps: edit C, simulate a multi-CPU packet stream, step through every hop.",
        start_url: ".",
        scope: ".",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#1f2937",
        icons: [
          { src: "favicon.svg", sizes: "any", type: "image/svg+xml" },
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{html,js,css,svg,png,ttf,woff2,webmanifest}"],
        // Monaco's chunk is 3.9 MB before compression.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: "index.html",
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: "es" },
  server: { watch: { ignored: generatedFolders } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // Two pages: the app, and the compact view an article embeds in an iframe.
      input: { main: "index.html", embed: "embed.html" },
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
