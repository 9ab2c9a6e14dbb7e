import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ttf": "font/ttf",
  ".webmanifest": "application/manifest+json",
};

/**
 * A copy of the build served on its own port, which a test may change (a new deployment)
 * without touching what the other tests load; optionally under a path (`docs/tailscope/`), as
 * a site might keep it.
 */
export class DeployedCopy {
  private constructor(
    readonly root: string,
    private readonly server: Server,
  ) {}

  static async start(under = ""): Promise<DeployedCopy> {
    const root = mkdtempSync(join(tmpdir(), "tailscope-deploy-"));
    cpSync(join(import.meta.dirname, "..", "dist"), join(root, under), { recursive: true });
    const server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
      const file = join(root, path === "/" ? "index.html" : path);
      try {
        const body = readFileSync(file);
        response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new DeployedCopy(root, server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
    rmSync(this.root, { recursive: true, force: true });
  }
}
