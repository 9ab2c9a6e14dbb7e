import { type DiagnosticNote, diagnosticAt, type Fix, type Severity } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";
import type { BinaryExpr, CompoundStmt, Declaration, Expr, Stmt, TranslationUnit } from "../syntax/ast";
import { type CType, type EnumInfo, intType, type RecordInfo } from "./ctypes";
import { type FunctionSymbol, Scope, type TypedProgram, type VariableSymbol } from "./symbols";

/** What the checker knows while inside a function body. */
export interface FunctionContext {
  readonly symbol: FunctionSymbol;
  readonly returns: CType;
  readonly locals: VariableSymbol[];
  readonly labels: Map<string, Span>;
  readonly gotos: { label: string; span: Span }[];
  loopDepth: number;
  switchDepth: number;
  /** Case values of the switch statements being checked, innermost last. */
  readonly switchCases: Map<bigint, Span>[];
  staticCounter: Map<string, number>;
  /** Signed divisions to check once the whole function is known (check-binary.ts). */
  readonly divisions: { expr: BinaryExpr; common: CType }[];
}

/** The type an erroneous expression gets, so that checking goes on: int, as clang recovers. */
export const errorType: CType = intType;

/**
 * The checks that call each other recursively (an expression holds a statement expression, a
 * statement holds declarations and expressions). A CheckContext reaches them through this table,
 * filled in by checker.ts, so the checker's parts import the table, not each other in a cycle.
 */
export interface CheckerParts {
  expression(c: CheckContext, expr: Expr): CType;
  /** An expression used for its value: arrays and functions decay, as C converts them. */
  rvalue(c: CheckContext, expr: Expr): CType;
  statement(c: CheckContext, stmt: Stmt): void;
  declaration(c: CheckContext, declaration: Declaration): void;
  statementExpression(c: CheckContext, body: CompoundStmt): CType;
}

/** The checker's state: the side tables it fills, its scopes and its diagnostics. */
export class CheckContext {
  readonly program: TypedProgram;
  scope: Scope = new Scope(null);
  fn: FunctionContext | null = null;
  /** Warnings from control-flow analysis; clang drops them when the file has errors. */
  readonly flowWarnings: { span: Span; message: string }[] = [];
  private nextSymbolId = 0;

  constructor(
    unit: TranslationUnit,
    private readonly parts: CheckerParts,
  ) {
    this.program = {
      unit,
      exprTypes: new Array(unit.nodeCount),
      references: new Array(unit.nodeCount),
      members: new Map(),
      initializers: new Map(),
      declared: new Map(),
      constants: new Map(),
      functions: [],
      globals: [],
      locals: new Map(),
      records: [],
      enums: [],
      diagnostics: [],
    };
  }

  expression(expr: Expr): CType {
    return this.parts.expression(this, expr);
  }

  rvalue(expr: Expr): CType {
    return this.parts.rvalue(this, expr);
  }

  statement(stmt: Stmt): void {
    this.parts.statement(this, stmt);
  }

  declaration(declaration: Declaration): void {
    this.parts.declaration(this, declaration);
  }

  statementExpression(body: CompoundStmt): CType {
    return this.parts.statementExpression(this, body);
  }

  symbolId(): number {
    return this.nextSymbolId++;
  }

  newRecord(tagKind: "struct" | "union", tag: string | null): RecordInfo {
    const record: RecordInfo = {
      id: this.program.records.length,
      tagKind,
      tag,
      complete: false,
      fields: [],
      size: 0,
      align: 1,
      definedAt: null,
    };
    this.program.records.push(record);
    return record;
  }

  newEnum(tag: string | null, underlying: EnumInfo["underlying"]): EnumInfo {
    const info: EnumInfo = { id: this.program.enums.length, tag, complete: false, underlying };
    this.program.enums.push(info);
    return info;
  }

  pushScope(): void {
    this.scope = new Scope(this.scope);
  }

  popScope(): void {
    if (this.scope.parent) this.scope = this.scope.parent;
  }

  get atFileScope(): boolean {
    return this.scope.parent === null;
  }

  error(
    span: Span,
    message: string,
    extra: { notes?: DiagnosticNote[]; fix?: Fix; explanation?: string } = {},
  ): void {
    this.report(span, "error", message, extra);
  }

  warning(
    span: Span,
    message: string,
    extra: { notes?: DiagnosticNote[]; fix?: Fix; explanation?: string } = {},
  ): void {
    this.report(span, "warning", message, extra);
  }

  note(span: Span, message: string): DiagnosticNote {
    const { line, column } = span.file.position(span.start);
    return { file: span.file.name, line, column, message };
  }

  report(
    span: Span,
    severity: Severity,
    message: string,
    extra: { notes?: DiagnosticNote[]; fix?: Fix; explanation?: string } = {},
  ): void {
    const diagnostic = diagnosticAt(span, {
      severity,
      stage: "type",
      message,
      ...(extra.explanation ? { explanation: extra.explanation } : {}),
      ...(extra.fix ? { fix: extra.fix } : {}),
      ...(extra.notes && extra.notes.length > 0 ? { notes: extra.notes } : {}),
    });
    // One message per position and text: a repeated macro expansion reports once.
    const duplicate = this.program.diagnostics.some(
      (d) =>
        d.file === diagnostic.file &&
        d.line === diagnostic.line &&
        d.column === diagnostic.column &&
        d.message === message,
    );
    if (!duplicate) this.program.diagnostics.push(diagnostic);
  }
}
