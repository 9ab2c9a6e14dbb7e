/** Elements Tab can reach, in document order. */
const FOCUSABLE =
  "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** The next (or previous) element outside `container` that Tab would reach. */
function neighbourOf(container: HTMLElement, forwards: boolean): HTMLElement | null {
  const candidates = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !container.contains(element) && element.getClientRects().length > 0,
  );
  const after = (element: HTMLElement) =>
    (container.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  return forwards
    ? (candidates.find(after) ?? candidates[0] ?? null)
    : ([...candidates].reverse().find((element) => !after(element)) ?? candidates.at(-1) ?? null);
}

/**
 * In the editor Tab indents, as a programmer expects; Escape then Tab (or Shift+Tab) moves
 * focus out instead, to the next (or previous) control, so keyboard users are never trapped.
 * Escape still closes the editor's own widgets first. Listens in the capture phase, before
 * the editor sees the Tab.
 */
export function escapeThenTabLeaves(container: HTMLElement): () => void {
  let armed = false;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      armed = true;
      return;
    }
    if (event.key === "Tab" && armed && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      neighbourOf(container, !event.shiftKey)?.focus();
    }
    if (!["Shift", "Control", "Alt", "Meta"].includes(event.key)) armed = false;
  };
  container.addEventListener("keydown", onKey, { capture: true });
  return () => container.removeEventListener("keydown", onKey, { capture: true });
}
