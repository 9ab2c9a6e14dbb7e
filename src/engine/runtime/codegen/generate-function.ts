import type { FunctionSymbol } from "../../types/symbols";
import { selfCallLoops } from "../../verify/call-frames";
import { argumentStore } from "../frame-pool";
import { type CompiledFunction, RETURN } from "../machine-state";
import { isTruthy } from "./arithmetic";
import { converted, rvalue } from "./expressions";
import { type CodegenEnvironment, type ExpressionGenerators, FunctionGenerator } from "./function-generator";
import { generateStatement } from "./statements";
import { wholeFunction } from "./whole-function";

/** The code generator's parts, wired together once (see ExpressionGenerators). */
const expressions: ExpressionGenerators = { rvalue, converted };

/**
 * Generates a function definition's code: a flat list of instructions (closures, the hot ones
 * generated JavaScript) over its own byte-accurate stack frame.
 */
export function generateFunction(env: CodegenEnvironment, symbol: FunctionSymbol): CompiledFunction {
  const definition = symbol.definition;
  if (!definition) throw new Error(`${symbol.name} has no body`);
  const c = new FunctionGenerator(env, expressions, symbol);
  const locals = env.program.locals.get(symbol) ?? [];
  // A looped self call stores new arguments mid-function: its parameters stay in the stack.
  const restarts = selfCallLoops(env.program, symbol).size > 0;
  const parameters = locals
    .filter((local) => local.storage === "param")
    .map((param, argument) => {
      const type = param.type;
      const pointer = type.kind === "pointer";
      if (pointer && !restarts) c.promotion.parameter(param, argument);
      return {
        offset: restarts ? c.localOffset(param) : c.slotOffset(param),
        size: pointer ? 8 : Math.max(1, sizeOfScalar(type)),
        wide: !pointer && sizeOfScalar(type) === 8,
        pointer,
        type,
      };
    });
  for (const item of definition.body.items) generateStatement(c, item);
  const end = definition.body.span;
  c.emit(
    (f) => {
      f.result = 0;
      return RETURN;
    },
    { file: end.file, start: end.end - 1, end: end.end },
  );
  for (const jump of c.gotos) c.patch(jump.at, c.labels.get(jump.label) ?? c.pc, isTruthy);
  const whole = wholeFunction(c.source, c.instructions, c.spans, c.promotion);
  return {
    symbol,
    instructions: c.instructions,
    spans: c.spans,
    frameSize: c.frameSize,
    parameters,
    storeArguments: argumentStore(parameters),
    // A whole function reads its promoted parameters from the frame's arguments, and the ones
    // it never reads from nowhere.
    wholeArguments: argumentStore(
      parameters.map((param, argument) =>
        whole?.promoted.some((local) => local.argument === argument) || whole?.unread.includes(argument)
          ? null
          : param,
      ),
    ),
    whole: whole?.run ?? null,
    locals: c.localSlots,
  };
}

function sizeOfScalar(type: { kind: string; size?: number }): number {
  return type.kind === "int" ? (type.size ?? 4) : 4;
}
