import { helperById } from "../source/helper-table";
import type { CallExpr } from "../syntax/ast";
import type { FunctionSymbol, VariableSymbol } from "../types/symbols";
import { type AbsValue, unknown } from "./abstract-values";
import type { Environment } from "./environment";
import { ExpressionAnalyzer } from "./expression-analysis";
import { helperCallProblem } from "./helper-access";
import { helperBufferProblems, memoryBuiltins } from "./helper-buffers";
import {
  constantArrayKey,
  mapArgumentProblem,
  nullableMapProblem,
  readOnlyToPrograms,
} from "./map-compatibility";
import { forgetPacketPointers, helperChangesPacket } from "./packet-changes";
import { packetLoadCallee, packetLoadProblem } from "./packet-loads";
import { pointerHelperResult } from "./pointer-helpers";
import { callWhileLocked } from "./spin-locks";
import { frameOffset } from "./stack";

/**
 * Calls, as the kernel's verifier checks them: a helper's arguments against its prototype and
 * the program type, the map and its key and value sizes, what the result points to; a function
 * of the program through what it returns.
 */
export abstract class CallAnalyzer extends ExpressionAnalyzer {
  protected call(expr: CallExpr, env: Environment): AbsValue {
    const args = expr.args.map((arg) => this.eval(arg, env));
    const builtin = expr.callee.kind === "ident" ? memoryBuiltins[expr.callee.name] : undefined;
    if (builtin) {
      // clang expands these into loads and stores in place: each pointer is accessed, nothing is called.
      const length = args[2]?.kind === "scalar" && args[2].min === args[2].max ? Number(args[2].min) : 0;
      builtin.forEach((access, i) => {
        const pointer = args[i];
        if (access && pointer && length > 0)
          this.checkAccess(pointer, length, access === "write", expr.args[i].span, expr.args[i], env);
      });
      return this.valueOfType(this.typeOf(expr));
    }
    const id = this.helperId(expr);
    // A call keeps nothing in R0-R5: clang moves live lookup results to callee-saved registers.
    for (const [symbol, value] of env.locals)
      if (value.kind === "map_value" && value.nullable && !value.saved)
        env.set(symbol, { ...value, saved: true });
    const packetLoad = packetLoadCallee(this.input.program, expr);
    if (packetLoad) this.report(expr.callee.span, packetLoadProblem(this.kind, args[0]));
    if (id === null) {
      const callee = this.calleeOf(expr);
      if (callee && !callee.inline) this.report(expr.callee.span, callWhileLocked(env, null));
      return (callee && this.returnOf(callee, args)) ?? this.valueOfType(this.typeOf(expr));
    }
    const name = helperById.get(id)?.name ?? `helper ${id}`;
    const license = this.input.object.license;
    this.report(
      expr.callee.span,
      (this.kind && helperCallProblem(this.kind, id, name, license)) || callWhileLocked(env, id),
    );
    const mapArg = args.findIndex((arg) => arg.kind === "map_ptr");
    const map = args[mapArg];
    if (map?.kind === "map_ptr") {
      // The key's bytes are checked with the arguments, before the map's type against the helper:
      // the call is refused for them first.
      if (id <= 3 && map.map.keySize === 0)
        this.checkHelperMemory(args[1], 0, 2, expr.callee, `${name}'s key`);
      this.report(
        expr.args[mapArg].span,
        map.nullable ? nullableMapProblem(mapArg, name) : mapArgumentProblem(id, name, map.map),
      );
    }
    const placed = (buffer: { symbol: VariableSymbol }) =>
      frameOffset(this.input.program, this.fn, buffer.symbol);
    for (const { arg, problem } of helperBufferProblems(id, args, placed))
      this.report(expr.args[arg].span, problem);
    if (helperChangesPacket(id)) forgetPacketPointers(env, name);
    if (id <= 3 || (id >= 87 && id <= 89)) return this.mapHelper(id, name, expr, args, env);
    const pointer = pointerHelperResult(id, name, args, env, () => this.nextLookupId++, expr.span);
    if (pointer) {
      this.report(expr.args[0]?.span ?? expr.span, pointer.problem);
      if (pointer.value) return pointer.value;
    }
    if (id === 12) return { kind: "not_init" };
    return this.valueOfType(this.typeOf(expr));
  }

  /** The function of the program a call names, when it has a body here. */
  protected calleeOf(expr: CallExpr): FunctionSymbol | null {
    if (expr.callee.kind !== "ident") return null;
    const symbol = this.input.program.references[expr.callee.id];
    return symbol?.kind === "function" && symbol.definition ? symbol : null;
  }

  protected helperId(expr: CallExpr): number | null {
    if (expr.callee.kind !== "ident") return null;
    const symbol = this.input.program.references[expr.callee.id];
    if (symbol?.kind !== "variable") return null;
    return this.input.object.helpers.get(symbol) ?? null;
  }

  /**
   * bpf_map_lookup/update/delete_elem: the key (and value) must be readable for the map's sizes;
   * bpf_map_push/pop/peek_elem: the value, which pop and peek write (any stack bytes will do).
   */
  protected mapHelper(
    id: number,
    name: string,
    expr: CallExpr,
    args: AbsValue[],
    env: Environment,
  ): AbsValue {
    const map = args[0]?.kind === "map_ptr" ? args[0].map : null;
    if (!map) return id === 1 ? unknown : this.valueOfType(this.typeOf(expr));
    if (id >= 87) {
      this.checkHelperMemory(args[1], map.valueSize, 2, expr.args[1], `${name}'s value`, id === 87);
      return this.valueOfType(this.typeOf(expr));
    }
    if (map.keySize > 0) this.checkHelperMemory(args[1], map.keySize, 2, expr.args[1], `${name}'s key`);
    if (id === 2) this.checkHelperMemory(args[2], map.valueSize, 3, expr.args[2], `${name}'s value`);
    if (id !== 1) return this.valueOfType(this.typeOf(expr));
    if (map.inner) return { kind: "map_ptr", map: map.inner, nullable: true, id: this.nextLookupId++ };
    return {
      kind: "map_value",
      name: map.name,
      valueSize: map.valueSize,
      off: 0,
      nullable: true,
      id: this.nextLookupId++,
      saved: false,
      elidable: constantArrayKey(map, args[1], env),
      ...(readOnlyToPrograms(map) ? { readOnly: true } : {}),
      ...(map.spinLockOffset === null ? {} : { lockOff: map.spinLockOffset }),
    };
  }
}
