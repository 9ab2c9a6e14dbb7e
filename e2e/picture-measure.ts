import type { Page } from "@playwright/test";

/** What the graph pane shows, measured as a person sees it (CSS pixels on screen). */
export interface PictureMeasure {
  /** The smallest text in the graph, after the graph's zoom: the text and its size. */
  readonly smallestText: { readonly text: string; readonly px: number };
  /** Nodes that are not wholly inside the graph's pane. */
  readonly outside: readonly string[];
  /** Nodes under the graph's zoom buttons. */
  readonly underControls: readonly string[];
  /** Pairs of nodes whose boxes overlap. */
  readonly overlapping: readonly string[];
  /** Pairs of hop (tail-call) edges that cross. */
  readonly crossing: readonly string[];
  readonly zoom: number;
}

/**
 * Measures the picture in the page: every node's box against the pane and the others, every
 * hop edge's path against the others (sampled into segments; meeting at a shared node or
 * junction is not crossing), and every piece of text's rendered size. Text a screen reader alone
 * gets (visually hidden) is not measured.
 */
export function measurePicture(page: Page): Promise<PictureMeasure> {
  return page.evaluate(() => {
    const pane = document.querySelector("[data-testid=graph] .react-flow") as HTMLElement;
    const paneBox = pane.getBoundingClientRect();
    const viewport = pane.querySelector(".react-flow__viewport") as HTMLElement;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const nodes = [...pane.querySelectorAll<HTMLElement>(".react-flow__node")].map((el) => ({
      id: el.dataset.id ?? "?",
      box: el.getBoundingClientRect(),
    }));
    const outside = nodes
      .filter(
        ({ box }) =>
          box.left < paneBox.left - 1 ||
          box.top < paneBox.top - 1 ||
          box.right > paneBox.right + 1 ||
          box.bottom > paneBox.bottom + 1,
      )
      .map((n) => n.id);
    const controls = pane.querySelector(".react-flow__controls")?.getBoundingClientRect() ?? null;
    const underControls = controls
      ? nodes
          .filter(
            ({ box }) =>
              box.left < controls.right &&
              controls.left < box.right &&
              box.top < controls.bottom &&
              controls.top < box.bottom,
          )
          .map((n) => n.id)
      : [];
    const overlapping: string[] = [];
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i].box;
        const b = nodes[j].box;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          overlapping.push(`${nodes[i].id} × ${nodes[j].id}`);
      }
    let smallest = { text: "", px: Number.POSITIVE_INFINITY };
    const scopes = [viewport, pane.querySelector(".react-flow__edgelabel-renderer")].filter(
      (el): el is HTMLElement => el !== null,
    );
    for (const scope of scopes) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? "";
        const element = node.parentElement;
        if (!text || !element || element.closest(".sr-only")) continue;
        if (element.closest("option")) continue;
        const box = element.getBoundingClientRect();
        if (box.width < 2 || box.height < 2 || element.offsetHeight === 0) continue;
        const scale = box.height / element.offsetHeight;
        const px = Number.parseFloat(getComputedStyle(element).fontSize) * scale;
        if (px < smallest.px) smallest = { text, px };
      }
    }
    const hops = [...pane.querySelectorAll<SVGGElement>(".react-flow__edge-hop")].map((g) => {
      const path = g.querySelector("path.react-flow__edge-path") as SVGPathElement;
      const length = path.getTotalLength();
      const points = Array.from({ length: 41 }, (_, i) => path.getPointAtLength((length * i) / 40));
      return { id: g.getAttribute("data-id") ?? g.id, points };
    });
    const crosses = (p: DOMPoint, q: DOMPoint, r: DOMPoint, s: DOMPoint) => {
      const d = (a: DOMPoint, b: DOMPoint, c: DOMPoint) =>
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
      return d(p, q, r) * d(p, q, s) < 0 && d(r, s, p) * d(r, s, q) < 0;
    };
    const near = (a: DOMPoint, b: DOMPoint) => Math.hypot(a.x - b.x, a.y - b.y) < 8;
    const crossing: string[] = [];
    for (let i = 0; i < hops.length; i++)
      for (let j = i + 1; j < hops.length; j++) {
        const a = hops[i].points;
        const b = hops[j].points;
        const ends = [a[0], a[a.length - 1], b[0], b[b.length - 1]];
        let found = false;
        for (let m = 0; m + 1 < a.length && !found; m++)
          for (let n = 0; n + 1 < b.length && !found; n++) {
            if (!crosses(a[m], a[m + 1], b[n], b[n + 1])) continue;
            // Edges meeting where they start or end (a shared program or junction) do not cross.
            if (ends.some((e) => near(e, a[m]) || near(e, b[n]))) continue;
            found = true;
          }
        if (found) crossing.push(`${hops[i].id} × ${hops[j].id}`);
      }
    return { smallestText: smallest, outside, underControls, overlapping, crossing, zoom };
  });
}
