import type { Span } from "../../source/source-file";
import { NS_PER_STATEMENT, RUNAWAY_STATEMENTS } from "../limits";
import { type Frame, type Instruction, RETURN, TAIL_CALLED } from "../machine-state";
import type { SourceContext } from "./generated";
import type { LocalPromotion, PromotedLocal } from "./promoted-locals";

/** What a whole function needs of the machine that runs it. */
export interface WholeFunctionHost {
  /** Virtual time, which every statement moves on (machine.ts). */
  clock: number;
  /** Throws the fault of a packet that ran more than RUNAWAY_STATEMENTS statements. */
  runaway(span: Span): never;
  /**
   * Goes on after a statement at `pc` threw, as the dispatch loop would: a tail call or an
   * LD_ABS exit ends the frame (RETURN or TAIL_CALLED), anything else is thrown as a fault.
   */
  unwound(frame: Frame, pc: number, error: unknown): number;
  /** Throws the fault of a jump out of the function. */
  leftFunction(frame: Frame): never;
}

/**
 * A function run from its first statement to its return or tail call: RETURN or TAIL_CALLED, as
 * the machine's dispatch loop returns them.
 */
export type WholeFunction = (frame: Frame, host: WholeFunctionHost) => number;

/**
 * A compiled function's instructions as one generated function: each instruction a `case` of a
 * switch on the pc, its statement counted inline, inside one loop. The dispatch loop calls one
 * instruction at a time through a call site that sees every instruction of every program (and
 * counts, checks and catches around each); here V8 sees one function it can optimise whole, with
 * the statement's own source in place of each call. Used only when nothing observes the run (no
 * trace asks to hear of each statement) and the run goes packet by packet: stepping and tracing
 * keep the dispatch loop. An instruction made without source (a closure) is called from its case.
 * Null when generating is off or no instruction has source.
 */
export function wholeFunction(
  source: SourceContext,
  instructions: readonly Instruction[],
  spans: readonly (Span | null)[],
  promotion: LocalPromotion,
): {
  readonly run: WholeFunction;
  readonly promoted: readonly PromotedLocal[];
  /** Parameters nothing in the function reads, by place in the argument list. */
  readonly unread: readonly number[];
} | null {
  const bodies = instructions.map((instruction) => source.bodyOf(instruction));
  if (bodies.every((body) => body === undefined)) return null;
  const cases = instructions.map((instruction, pc) => {
    const body = bodies[pc];
    const count =
      spans[pc] === null
        ? ""
        : `run.steps++; host.clock += ${NS_PER_STATEMENT}; if (run.steps > ${RUNAWAY_STATEMENTS}) host.runaway(spans[${pc}]);`;
    const run =
      body === undefined
        ? `pc = ${source.constant(instruction)}(f);`
        : `${body.statements} pc = ${body.next};`;
    return `case ${pc}: { ${count} ${run} break; }`;
  });
  const spansName = source.constant(spans);
  const { body: switchBody, promoted, unread } = promotion.rewrite(cases.join("\n"));
  // A promoted local starts as a cleared stack slot reads (null), a parameter as its argument
  // (the frame stored no copy). Before the machine goes on from a throw in the dispatch loop,
  // which reads locals from the stack, they are written back.
  const initial = (local: PromotedLocal) =>
    local.argument === null ? "null" : `keptArgument(f.args[${local.argument}])`;
  const promotedDeclarations =
    promoted.length > 0
      ? `let ${promoted.map((local) => `${local.variable} = ${initial(local)}`).join(", ")};`
      : "";
  const writeBack = promoted
    .map((local) => `storePointer(f.stack, ${local.offset}, ${local.variable});`)
    .join(" ");
  // The temporaries are declared last: every instruction's source has been made by now.
  const body = `
    const run = f.run;
    const spans = ${spansName};
    ${source.tempDeclarations()}
    ${promotedDeclarations}
    let pc = 0;
    try {
      for (;;) {
        switch (pc) {
          ${switchBody}
          default: throw new Error("no instruction at " + pc);
        }
        if (run.pendingTailCall !== null) return ${TAIL_CALLED};
        if (pc < 0) return pc === ${RETURN} ? ${RETURN} : host.leftFunction(f);
      }
    } catch (error) {
      ${writeBack}
      return host.unwound(f, pc, error);
    }`;
  return { run: source.compile(["f", "host"], body) as WholeFunction, promoted, unread };
}
