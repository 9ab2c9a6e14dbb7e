import { scenarioFileOf, type Workspace } from "../../state/workspace";

/** Has the browser download a URL as a file. */
function clickLink(fileName: string, url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves text or a data URL as a file through the browser's download. */
export function download(fileName: string, content: string, type = "application/json"): void {
  if (content.startsWith("data:")) return clickLink(fileName, content);
  downloadBlob(fileName, new Blob([content], { type }));
}

/** A file name from a title: lowercase words joined by dashes. */
export function fileNameOf(title: string, extension: string): string {
  const stem = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${stem || "tailscope"}.${extension}`;
}

/** The workspace's scenario file (contract.md §1), downloaded: what a save the browser refused offers. */
export function downloadScenario(workspace: Workspace): void {
  download(
    fileNameOf(workspace.title, "scenario.json"),
    `${JSON.stringify(scenarioFileOf(workspace), null, 2)}\n`,
  );
}

/** Saves a blob (an animation, an archive) as a file through the browser's download. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  clickLink(fileName, url);
  // Long enough for the browser to have read it, even a large animation on a slow machine.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
