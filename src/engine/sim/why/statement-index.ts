import type { SourceFile } from "../../source/source-file";
import type { Expr, Stmt } from "../../syntax/ast";
import { walk } from "../../syntax/walk";
import type { FunctionSymbol, TypedProgram } from "../../types/symbols";

/** The source node a recorded step ran, and the function it belongs to. */
export interface IndexedNode {
  readonly node: Stmt | Expr;
  readonly function: FunctionSymbol;
}

/**
 * The program's statements and expressions by where they start, so a step of the trace (which
 * records a file and an offset) leads back to the node it ran. Where several nodes start at
 * one offset (`x = 1;` and its `x`), the outermost is kept: that is the one an instruction's
 * span names.
 */
export class StatementIndex {
  private readonly byFile = new Map<SourceFile, Map<number, IndexedNode>>();

  constructor(program: TypedProgram) {
    for (const fn of program.functions) {
      const body = fn.definition?.body;
      if (!body) continue;
      walk(body, (node) => {
        const file = node.span.file;
        let starts = this.byFile.get(file);
        if (!starts) {
          starts = new Map();
          this.byFile.set(file, starts);
        }
        if (!starts.has(node.span.start)) starts.set(node.span.start, { node, function: fn });
      });
    }
  }

  at(file: SourceFile, start: number): IndexedNode | null {
    return this.byFile.get(file)?.get(start) ?? null;
  }
}
