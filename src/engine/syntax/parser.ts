import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Token } from "../preprocess/token";
import type { ExternalDeclaration, TranslationUnit } from "./ast";
import { isTypeNameStart, parseExternalDeclaration } from "./parse-declarations";
import { parseDeclarator, parseTypeName } from "./parse-declarators";
import { parseCompoundStatement } from "./parse-statements";
import { type NestedRules, ParserState } from "./parser-state";

/** The rules other rules reach back into, wired together once (see NestedRules). */
const nestedRules: NestedRules = {
  isTypeNameStart,
  typeName: parseTypeName,
  declarator: parseDeclarator,
  compoundStatement: parseCompoundStatement,
};

export interface ParseResult {
  readonly unit: TranslationUnit;
  readonly diagnostics: Diagnostic[];
}

/** Parses a preprocessed token stream, recovering from errors so one pass reports them all. */
export function parse(tokens: readonly Token[]): ParseResult {
  const p = new ParserState(tokens, nestedRules);
  const declarations: ExternalDeclaration[] = [];
  while (!p.atEnd()) {
    const before = p.pos;
    if (p.is(";")) {
      p.advance();
      continue;
    }
    if (p.is("}")) {
      p.error("extraneous closing brace ('}')");
      p.advance();
      continue;
    }
    const declaration = parseExternalDeclaration(p);
    if (declaration) declarations.push(declaration);
    if (p.pos === before) p.advance();
  }
  return { unit: { declarations, nodeCount: p.nodeCount }, diagnostics: p.diagnostics };
}
