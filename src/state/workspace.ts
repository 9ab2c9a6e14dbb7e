import { parseScenario } from "../engine";
import type { ScenarioSettings } from "../lessons";

/** Everything a user works on: sources and scenario, and where they came from. */
export interface Workspace {
  readonly title: string;
  /** The lesson it was opened from, or null (a share link, an imported file). */
  readonly lessonId: string | null;
  readonly files: Readonly<Record<string, string>>;
  readonly main: string;
  readonly settings: ScenarioSettings;
}

/** The scenario file of contract.md §1 for a workspace: what Export writes and a link carries. */
export function scenarioFileOf(workspace: Workspace): Record<string, unknown> {
  const { attach, cpus, packets, control, schedule, logpoints, includeDirs } = workspace.settings;
  return {
    title: workspace.title,
    files: workspace.files,
    main: workspace.main,
    ...(attach ? { attach } : {}),
    cpus,
    packets,
    control,
    schedule,
    ...(logpoints && logpoints.length > 0 ? { logpoints } : {}),
    ...(includeDirs && includeDirs.length > 0 ? { includeDirs } : {}),
  };
}

export type WorkspaceResult =
  | { readonly ok: true; readonly workspace: Workspace }
  | { readonly ok: false; readonly errors: readonly string[] };

/** A workspace from parsed scenario JSON, validated field by field (errors name the field). */
export function workspaceFromScenario(value: unknown, lessonId: string | null = null): WorkspaceResult {
  const parsed = parseScenario(value);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { title, files, attach, cpus, packets, control, schedule, logpoints, includeDirs } = parsed.scenario;
  return {
    ok: true,
    workspace: {
      title: title ?? "Untitled scenario",
      lessonId,
      files,
      main: parsed.main,
      settings: {
        attach,
        cpus,
        packets,
        control,
        schedule,
        ...(logpoints ? { logpoints } : {}),
        ...(includeDirs ? { includeDirs } : {}),
      },
    },
  };
}

/** JSON with object keys in sorted order, so equal values give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}

/** Whether two workspaces hold the same sources and scenario (titles and origins aside). */
export function sameWork(a: Workspace, b: Workspace): boolean {
  return canonicalJson([a.files, a.main, a.settings]) === canonicalJson([b.files, b.main, b.settings]);
}
