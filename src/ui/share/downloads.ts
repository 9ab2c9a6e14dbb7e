import { scenarioFileOf, type Workspace } from "../../state/workspace";

/** Saves text or a data URL as a file through the browser's download. */
export function download(fileName: string, content: string, type = "application/json"): void {
  const url = content.startsWith("data:") ? content : URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  if (!content.startsWith("data:")) setTimeout(() => URL.revokeObjectURL(url), 1000);
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
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
