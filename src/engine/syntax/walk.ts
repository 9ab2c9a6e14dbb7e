import type { Expr, Stmt } from "./ast";

/** Properties that hold locations or names, never child nodes. */
const leafProperties = new Set(["span", "opSpan", "memberSpan", "nameSpan", "bytes", "value"]);

function isNode(value: unknown): value is { kind: string; id: number } {
  return typeof value === "object" && value !== null && "kind" in value && "id" in value;
}

/**
 * Visits every expression and statement under `root`, parents before children. Generic over
 * the node shapes so a new node kind is walked without touching this function.
 */
export function walk(root: Stmt | Expr, visit: (node: Stmt | Expr) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (isNode(value)) visit(value as Stmt | Expr);
    // for…in, not Object.entries: no array of pairs per node (this runs over every node of a build).
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (typeof child !== "object" || child === null) continue;
      if (leafProperties.has(key) && !isNode(child)) continue;
      stack.push(child);
    }
  }
}
