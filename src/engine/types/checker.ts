import type { TranslationUnit } from "../syntax/ast";
import { CheckContext, type CheckerParts } from "./check-context";
import { checkDeclaration, checkFunctionDefinition } from "./check-declarations";
import { checkExpression, checkRvalue } from "./check-expressions";
import { checkStatement, checkStatementExpression, checkStaticAssert } from "./check-statements";
import type { TypedProgram } from "./symbols";

/** The checker's parts, wired together once (see CheckerParts). */
const parts: CheckerParts = {
  expression: checkExpression,
  rvalue: checkRvalue,
  statement: checkStatement,
  declaration: checkDeclaration,
  statementExpression: checkStatementExpression,
};

/** Resolves names and types over a parsed translation unit; the AST itself is left as it is. */
export function check(unit: TranslationUnit, syntaxErrors = false): TypedProgram {
  const c = new CheckContext(unit, parts);
  for (const declaration of unit.declarations) {
    switch (declaration.kind) {
      case "declaration":
        checkDeclaration(c, declaration);
        break;
      case "function":
        checkFunctionDefinition(c, declaration);
        break;
      case "static-assert":
        checkStaticAssert(c, declaration.test, declaration.message, declaration.span);
        break;
    }
  }
  if (!syntaxErrors && !c.program.diagnostics.some((d) => d.severity === "error")) {
    for (const warning of c.flowWarnings) c.warning(warning.span, warning.message);
  }
  return c.program;
}
