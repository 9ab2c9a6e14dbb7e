import type { Diagnostic } from "../../src/engine";

/** One `// expected-<severity>[@line] [count] {{text}}` annotation, as clang's -verify reads them. */
export interface Expectation {
  readonly line: number;
  readonly severity: "error" | "warning" | "note";
  readonly text: string;
  readonly count: number;
}

const annotation = /expected-(error|warning|note)(?:@([+-]?\d+))?(?:\s+(\d+))?\s*\{\{(.*?)\}\}/g;

export function readExpectations(source: string): { expectations: Expectation[]; noDiagnostics: boolean } {
  const expectations: Expectation[] = [];
  source.split("\n").forEach((lineText, index) => {
    for (const match of lineText.matchAll(annotation)) {
      const [, severity, offset, count, text] = match;
      const line =
        offset === undefined ? index + 1 : /^[+-]/.test(offset) ? index + 1 + Number(offset) : Number(offset);
      expectations.push({
        line,
        severity: severity as Expectation["severity"],
        text,
        count: Number(count ?? 1),
      });
    }
  });
  return { expectations, noDiagnostics: source.includes("expected-no-diagnostics") };
}

/** Diagnostics and their notes, flattened as clang's -verify sees them. */
export function flatten(
  diagnostics: readonly Diagnostic[],
): { file: string; line: number; severity: string; message: string }[] {
  return diagnostics.flatMap((d) => [
    { file: d.file, line: d.line, severity: d.severity, message: d.message },
    ...(d.notes ?? []).map((n) => ({ file: n.file, line: n.line, severity: "note", message: n.message })),
  ]);
}

/** Differences between what a file expects and what was reported, in -verify's words; empty when they agree. */
export function compareWithExpectations(
  file: string,
  source: string,
  diagnostics: readonly Diagnostic[],
): string[] {
  const { expectations } = readExpectations(source);
  const remaining = flatten(diagnostics).filter(
    (d) => !(d.severity === "note" && d.message.startsWith("Tailscope includes")),
  );
  const problems: string[] = [];
  for (const expected of expectations) {
    for (let i = 0; i < expected.count; i++) {
      const found = remaining.findIndex(
        (d) =>
          d.file === file &&
          d.line === expected.line &&
          d.severity === expected.severity &&
          d.message.includes(expected.text),
      );
      if (found < 0)
        problems.push(
          `expected but not seen: ${file}:${expected.line}: ${expected.severity}: ${expected.text}`,
        );
      else remaining.splice(found, 1);
    }
  }
  for (const d of remaining)
    problems.push(`seen but not expected: ${d.file}:${d.line}: ${d.severity}: ${d.message}`);
  return problems;
}
