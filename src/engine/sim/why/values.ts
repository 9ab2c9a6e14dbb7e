import type { Travel } from "../recording";
import type { SourceTracer, StoreSite, ValueSource } from "./sources";

/** The values shown outside memory that "where did this come from?" also answers. */
export type ValueTarget =
  /** A local of the followed packet's frame at call depth `depth` (0: the program itself). */
  | { readonly kind: "local"; readonly name: string; readonly packet: number; readonly depth: number }
  /** A context field (`skb->len`) of a CPU's packet (the followed one's without): the test run derived it. */
  | { readonly kind: "context"; readonly field: string; readonly cpu?: number }
  /** What a packet's chain returned (its verdict). */
  | { readonly kind: "return"; readonly packet: number }
  /** The arguments of the printk line printed at a step. */
  | { readonly kind: "printk"; readonly step: number };

/** An answer for a value: the statement that gave it (null: the test run set it), and its sources. */
export interface ValueAnswer {
  readonly value: string;
  readonly writer: StoreSite | null;
  readonly sources: readonly ValueSource[];
}

/** Answers a value target at step `step`, or says what is wrong with it. */
export function whyValue(
  travel: Travel,
  tracer: SourceTracer,
  site: (step: number) => StoreSite,
  target: ValueTarget,
  step: number,
): ValueAnswer | { readonly error: string } {
  switch (target.kind) {
    case "context": {
      const view = travel.seek(step);
      const running = target.cpu === undefined ? view.running : view.cpus.find((p) => p.cpu === target.cpu);
      const value = running?.context[target.field];
      if (value === undefined) return { error: `no context field '${target.field}' in flight there` };
      return { value: String(value), writer: null, sources: [{ kind: "context", field: target.field }] };
    }
    case "local": {
      const found = tracer.ofLocal(target.name, target.packet, target.depth, step);
      if ("error" in found) return found;
      const frame = travel.seek(step).cpus.find((p) => p.packet === target.packet)?.frames[target.depth];
      const local = frame?.locals.find((l) => l.name === target.name);
      return {
        value: local?.value ?? local?.bytes ?? "",
        writer: found.definition === null ? null : site(found.definition),
        sources: found.sources,
      };
    }
    case "return": {
      const report = travel.reports[target.packet];
      if (!report) return { error: `packet ${target.packet} is out of range` };
      const found = tracer.ofReturn(target.packet);
      return {
        value: String(report.retval),
        writer: found && site(found.step),
        sources: found?.sources ?? [],
      };
    }
    case "printk": {
      const trace = travel.trace;
      let message: string | null = null;
      for (let i = 0; i < trace.printkCount; i++)
        if (trace.printkStepAt(i) === target.step) {
          message = trace.printkMessageAt(i);
          break;
        }
      if (message === null) return { error: `nothing was printed at step ${target.step}` };
      return { value: message, writer: site(target.step), sources: tracer.ofPrintk(target.step) };
    }
  }
}
