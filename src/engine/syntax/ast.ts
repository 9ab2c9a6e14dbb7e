import type { Span } from "../source/source-file";

/**
 * The C syntax tree. Nodes are readonly; later stages record what they learn (types, symbols,
 * constant values) in side tables keyed by `id`.
 */
interface NodeBase {
  readonly id: number;
  readonly span: Span;
}

// ---------------------------------------------------------------- attributes and types

export interface Attribute {
  readonly name: string;
  /** Arguments as expressions (`section(".maps")`, `aligned(8)`); empty when there are none. */
  readonly args: readonly Expr[];
  readonly span: Span;
}

export type StorageClass = "typedef" | "extern" | "static" | "auto" | "register";

export interface Qualifiers {
  readonly const: boolean;
  readonly volatile: boolean;
  readonly restrict: boolean;
}

export type TypeSpecifier =
  | { readonly kind: "builtin"; readonly words: readonly string[] }
  | { readonly kind: "typedef-name"; readonly name: string }
  | RecordSpecifier
  | EnumSpecifier
  | { readonly kind: "typeof"; readonly expr?: Expr; readonly typeName?: TypeName };

export interface RecordSpecifier extends NodeBase {
  readonly kind: "record";
  readonly tagKind: "struct" | "union";
  readonly tag: string | null;
  /** null for a reference (`struct x`); a list for a definition (`struct x { … }`). */
  readonly members: readonly FieldDeclaration[] | null;
  readonly attributes: readonly Attribute[];
}

export interface FieldDeclaration extends NodeBase {
  readonly specifiers: DeclSpecifiers;
  /** Empty for an anonymous struct/union member. */
  readonly declarators: readonly FieldDeclarator[];
}

export interface FieldDeclarator {
  readonly declarator: Declarator;
  readonly bitWidth: Expr | null;
}

export interface EnumSpecifier extends NodeBase {
  readonly kind: "enum";
  readonly tag: string | null;
  readonly enumerators: readonly Enumerator[] | null;
}

export interface Enumerator extends NodeBase {
  readonly name: string;
  readonly value: Expr | null;
}

export interface DeclSpecifiers {
  readonly span: Span;
  readonly storage: StorageClass | null;
  readonly inline: boolean;
  readonly qualifiers: Qualifiers;
  /** null when no type specifier was written (implicit int). */
  readonly type: TypeSpecifier | null;
  readonly attributes: readonly Attribute[];
  readonly alignas: Expr | TypeName | null;
}

export type DeclaratorPart =
  | { readonly kind: "pointer"; readonly qualifiers: Qualifiers }
  | { readonly kind: "array"; readonly size: Expr | null; readonly span: Span }
  | {
      readonly kind: "function";
      readonly params: readonly ParamDeclaration[];
      readonly variadic: boolean;
      readonly prototype: boolean;
    };

/**
 * A declarator: the name (if any) and how the type is derived from the specifiers, listed
 * from the name outwards (`*a[3]` is [array 3, pointer]: an array of pointers).
 */
export interface Declarator {
  readonly name: string | null;
  readonly nameSpan: Span;
  readonly parts: readonly DeclaratorPart[];
  readonly attributes: readonly Attribute[];
}

export interface ParamDeclaration extends NodeBase {
  readonly specifiers: DeclSpecifiers;
  readonly declarator: Declarator;
}

export interface TypeName extends NodeBase {
  readonly specifiers: DeclSpecifiers;
  readonly declarator: Declarator;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | IntegerLiteral
  | FloatLiteral
  | CharLiteral
  | StringLiteral
  | Identifier
  | UnaryExpr
  | PostfixExpr
  | BinaryExpr
  | AssignExpr
  | ConditionalExpr
  | CommaExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | CastExpr
  | SizeofExpr
  | AlignofExpr
  | CompoundLiteral
  | StatementExpr
  | OffsetofExpr
  | InitList;

export interface IntegerLiteral extends NodeBase {
  readonly kind: "int";
  readonly value: bigint;
  readonly unsignedSuffix: boolean;
  /** 0 none, 1 `l`, 2 `ll`. */
  readonly longSuffix: 0 | 1 | 2;
  readonly decimal: boolean;
}

export interface FloatLiteral extends NodeBase {
  readonly kind: "float";
  readonly text: string;
}

export interface CharLiteral extends NodeBase {
  readonly kind: "char";
  readonly value: number;
}

export interface StringLiteral extends NodeBase {
  readonly kind: "string";
  /** The bytes of the literal, without the terminating NUL. */
  readonly bytes: Uint8Array;
}

export interface Identifier extends NodeBase {
  readonly kind: "ident";
  readonly name: string;
}

export type UnaryOperator = "-" | "+" | "!" | "~" | "*" | "&" | "++" | "--";

export interface UnaryExpr extends NodeBase {
  readonly kind: "unary";
  readonly op: UnaryOperator;
  readonly operand: Expr;
}

export interface PostfixExpr extends NodeBase {
  readonly kind: "postfix";
  readonly op: "++" | "--";
  readonly operand: Expr;
}

export type BinaryOperator =
  | "*"
  | "/"
  | "%"
  | "+"
  | "-"
  | "<<"
  | ">>"
  | "<"
  | ">"
  | "<="
  | ">="
  | "=="
  | "!="
  | "&"
  | "^"
  | "|"
  | "&&"
  | "||";

export interface BinaryExpr extends NodeBase {
  readonly kind: "binary";
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly opSpan: Span;
}

export type AssignOperator = "=" | "*=" | "/=" | "%=" | "+=" | "-=" | "<<=" | ">>=" | "&=" | "^=" | "|=";

export interface AssignExpr extends NodeBase {
  readonly kind: "assign";
  readonly op: AssignOperator;
  readonly target: Expr;
  readonly value: Expr;
}

export interface ConditionalExpr extends NodeBase {
  readonly kind: "conditional";
  readonly test: Expr;
  /** null for GNU `a ?: b`. */
  readonly then: Expr | null;
  readonly otherwise: Expr;
}

export interface CommaExpr extends NodeBase {
  readonly kind: "comma";
  readonly left: Expr;
  readonly right: Expr;
}

export interface CallExpr extends NodeBase {
  readonly kind: "call";
  readonly callee: Expr;
  readonly args: readonly Expr[];
}

export interface MemberExpr extends NodeBase {
  readonly kind: "member";
  readonly object: Expr;
  readonly member: string;
  readonly memberSpan: Span;
  readonly arrow: boolean;
}

export interface IndexExpr extends NodeBase {
  readonly kind: "index";
  readonly array: Expr;
  readonly index: Expr;
}

export interface CastExpr extends NodeBase {
  readonly kind: "cast";
  readonly typeName: TypeName;
  readonly operand: Expr;
}

export interface SizeofExpr extends NodeBase {
  readonly kind: "sizeof";
  readonly operand: Expr | TypeName;
}

export interface AlignofExpr extends NodeBase {
  readonly kind: "alignof";
  readonly operand: Expr | TypeName;
}

export interface CompoundLiteral extends NodeBase {
  readonly kind: "compound-literal";
  readonly typeName: TypeName;
  readonly init: InitList;
}

export interface StatementExpr extends NodeBase {
  readonly kind: "statement-expr";
  readonly body: CompoundStmt;
}

export interface OffsetofExpr extends NodeBase {
  readonly kind: "offsetof";
  readonly typeName: TypeName;
  /** `a.b[2].c` as steps. */
  readonly path: readonly ({ readonly member: string; readonly span: Span } | { readonly index: Expr })[];
}

export type Designator =
  | { readonly member: string; readonly span: Span }
  | { readonly index: Expr; readonly span: Span };

export interface InitItem {
  readonly designators: readonly Designator[];
  readonly value: Expr;
}

export interface InitList extends NodeBase {
  readonly kind: "init-list";
  readonly items: readonly InitItem[];
}

// ---------------------------------------------------------------- statements

export type Stmt =
  | CompoundStmt
  | ExprStmt
  | IfStmt
  | WhileStmt
  | DoWhileStmt
  | ForStmt
  | SwitchStmt
  | CaseStmt
  | DefaultStmt
  | BreakStmt
  | ContinueStmt
  | ReturnStmt
  | GotoStmt
  | LabeledStmt
  | NullStmt
  | AsmStmt
  | Declaration
  | StaticAssert;

export interface CompoundStmt extends NodeBase {
  readonly kind: "compound";
  readonly items: readonly Stmt[];
}

export interface ExprStmt extends NodeBase {
  readonly kind: "expr-stmt";
  readonly expr: Expr;
}

export interface IfStmt extends NodeBase {
  readonly kind: "if";
  readonly test: Expr;
  readonly then: Stmt;
  readonly otherwise: Stmt | null;
}

export interface WhileStmt extends NodeBase {
  readonly kind: "while";
  readonly test: Expr;
  readonly body: Stmt;
}

export interface DoWhileStmt extends NodeBase {
  readonly kind: "do-while";
  readonly body: Stmt;
  readonly test: Expr;
}

export interface ForStmt extends NodeBase {
  readonly kind: "for";
  readonly init: Declaration | Expr | null;
  readonly test: Expr | null;
  readonly step: Expr | null;
  readonly body: Stmt;
}

export interface SwitchStmt extends NodeBase {
  readonly kind: "switch";
  readonly test: Expr;
  readonly body: Stmt;
}

export interface CaseStmt extends NodeBase {
  readonly kind: "case";
  readonly value: Expr;
  /** GNU case ranges `case 1 ... 5:`. */
  readonly rangeEnd: Expr | null;
  readonly body: Stmt;
}

export interface DefaultStmt extends NodeBase {
  readonly kind: "default";
  readonly body: Stmt;
}

export interface BreakStmt extends NodeBase {
  readonly kind: "break";
}

export interface ContinueStmt extends NodeBase {
  readonly kind: "continue";
}

export interface ReturnStmt extends NodeBase {
  readonly kind: "return";
  readonly value: Expr | null;
}

export interface GotoStmt extends NodeBase {
  readonly kind: "goto";
  readonly label: string;
}

export interface LabeledStmt extends NodeBase {
  readonly kind: "labeled";
  readonly label: string;
  readonly body: Stmt;
}

export interface NullStmt extends NodeBase {
  readonly kind: "null";
}

export interface AsmStmt extends NodeBase {
  readonly kind: "asm";
  readonly template: string;
}

// ---------------------------------------------------------------- declarations

export interface InitDeclarator {
  readonly declarator: Declarator;
  readonly init: Expr | null;
}

export interface Declaration extends NodeBase {
  readonly kind: "declaration";
  readonly specifiers: DeclSpecifiers;
  readonly declarators: readonly InitDeclarator[];
}

export interface FunctionDefinition extends NodeBase {
  readonly kind: "function";
  readonly specifiers: DeclSpecifiers;
  readonly declarator: Declarator;
  readonly body: CompoundStmt;
}

export interface StaticAssert extends NodeBase {
  readonly kind: "static-assert";
  readonly test: Expr;
  readonly message: string | null;
}

export type ExternalDeclaration = Declaration | FunctionDefinition | StaticAssert;

export interface TranslationUnit {
  readonly declarations: readonly ExternalDeclaration[];
  /** How many node ids were handed out, for side tables sized up front. */
  readonly nodeCount: number;
}
