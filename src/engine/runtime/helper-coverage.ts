import type { Diagnostic } from "../diagnostics/diagnostic";
import { loadError } from "../loader/diagnostics";
import { functionFacts } from "../loader/function-facts";
import type { LoadedObject } from "../loader/object";
import { runnable } from "../loader/sections";
import { helperById } from "../source/helper-table";
import type { TypedProgram } from "../types/symbols";
import { helpers as modelledHelpers } from "./helpers";

/**
 * A helper the kernel has but Tailscope does not run loads fine, as in the kernel; the warning
 * names it at each call, and a packet that reaches the call stops there with a fault, never a
 * silent zero.
 */
export function unmodelledHelperWarnings(program: TypedProgram, object: LoadedObject): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const helperIds = object.helpers;
  // A program that is checked, not run (a kprobe) never reaches a call: nothing to warn about.
  if (!object.programs.some((p) => runnable(p.kind.type))) return diagnostics;
  const checkedOnly = new Set(object.programs.filter((p) => !runnable(p.kind.type)).map((p) => p.symbol));
  for (const fn of program.functions) {
    if (checkedOnly.has(fn)) continue;
    for (const node of functionFacts(fn).calls) {
      if (node.callee.kind !== "ident") continue;
      const symbol = program.references[node.callee.id];
      const id = symbol?.kind === "variable" ? helperIds.get(symbol) : undefined;
      if (id === undefined || modelledHelpers.has(id)) continue;
      const name = helperById.get(id)?.name ?? node.callee.name;
      diagnostics.push({
        ...loadError(
          node.callee.span,
          `helper ${name}#${id} is not modelled by Tailscope`,
          "The kernel would run it; Tailscope loads the program, and a packet that reaches this call stops with a fault here.",
        ),
        severity: "warning",
      });
    }
  }
  return diagnostics;
}
