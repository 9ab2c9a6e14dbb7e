import { defineConfig } from "@playwright/test";
import main from "../../playwright.config";

/** Retakes the README's screenshots in docs/ (npm run docs:screenshots, after a build). */
export default defineConfig({
  ...main,
  testDir: ".",
  outputDir: "../../e2e-artifacts/docs-shots",
  reporter: [["list"]],
  retries: 0,
  // The preview serves the repository's build: run it from there.
  webServer:
    main.webServer && !Array.isArray(main.webServer) ? { ...main.webServer, cwd: "../.." } : main.webServer,
});
