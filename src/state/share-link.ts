import { deflateSync, Inflate, strFromU8, strToU8 } from "fflate";
import { scenarioFileOf, type Workspace, workspaceFromScenario } from "./workspace";

/** A link's fragment starts with this; what follows is the deflated JSON in base64url. */
export const SHARE_PREFIX = "#s=";
/**
 * Longest link accepted. Browsers take far longer URLs, but chat tools and mail clients cut
 * links long before that; past this, exporting a scenario file is the better way to share.
 */
export const MAX_LINK_CHARS = 64_000;
/** A link may not expand beyond this (a small link can hide a huge payload). */
const MAX_EXPANDED_BYTES = 4_000_000;
const LINK_VERSION = 1;

interface LinkPayload {
  readonly v: number;
  readonly lesson: string | null;
  /** The cursor's step, or null when the link was made before a run. */
  readonly step: number | null;
  readonly scenario: Record<string, unknown>;
}

export type SharedView =
  | { readonly ok: true; readonly workspace: Workspace; readonly step: number | null }
  | { readonly ok: false; readonly error: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("it contains characters a share link never has");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Inflates, refusing to grow past MAX_EXPANDED_BYTES. */
function inflateBounded(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_EXPANDED_BYTES) throw new Error("it expands to more than 4 MB");
    chunks.push(chunk);
  });
  inflate.push(bytes, true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The fragment (`#s=…`) that reproduces a workspace and a cursor position. */
export function shareFragment(workspace: Workspace, step: number | null): string {
  const payload: LinkPayload = {
    v: LINK_VERSION,
    lesson: workspace.lessonId,
    step,
    scenario: scenarioFileOf(workspace),
  };
  return SHARE_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }));
}

/** A whole link for the page at `base` (its address without the fragment). */
export function shareLink(base: string, workspace: Workspace, step: number | null): string {
  return base.replace(/#.*$/, "") + shareFragment(workspace, step);
}

/** What a fragment holds, validated, or why it cannot be opened (in words for the user). */
export function readShareFragment(fragment: string): SharedView {
  if (!fragment.startsWith(SHARE_PREFIX)) return { ok: false, error: "This is not a Tailscope share link." };
  if (fragment.length > MAX_LINK_CHARS)
    return {
      ok: false,
      error: `This share link is too long (${fragment.length.toLocaleString("en")} characters, at most ${MAX_LINK_CHARS.toLocaleString("en")}): it was probably cut or padded. Share the scenario as a file instead.`,
    };
  let payload: LinkPayload;
  try {
    const json = strFromU8(inflateBounded(fromBase64Url(fragment.slice(SHARE_PREFIX.length))));
    payload = JSON.parse(json) as LinkPayload;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: `This share link is broken (${why}); it was probably cut short when it was copied.`,
    };
  }
  if (typeof payload !== "object" || payload === null || payload.v !== LINK_VERSION)
    return {
      ok: false,
      error: "This share link was made by another version of Tailscope and cannot be read.",
    };
  const result = workspaceFromScenario(
    payload.scenario,
    typeof payload.lesson === "string" ? payload.lesson : null,
  );
  if (!result.ok)
    return { ok: false, error: `This share link holds an invalid scenario: ${result.errors.join("; ")}.` };
  const step =
    Number.isInteger(payload.step) && (payload.step as number) >= 0 ? (payload.step as number) : null;
  return { ok: true, workspace: result.workspace, step };
}
