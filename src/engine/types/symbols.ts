import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";
import type {
  Attribute,
  CompoundLiteral,
  Expr,
  FunctionDefinition,
  InitDeclarator,
  MemberExpr,
  TranslationUnit,
} from "../syntax/ast";
import type { CType, EnumInfo, Field, FunctionType, RecordInfo } from "./ctypes";

export interface VariableSymbol {
  readonly kind: "variable";
  readonly id: number;
  readonly name: string;
  type: CType;
  /** Where the variable lives: a global (file scope or `static` local), a local, or a parameter. */
  readonly storage: "global" | "local" | "param";
  readonly isStatic: boolean;
  readonly isExtern: boolean;
  readonly span: Span;
  readonly attributes: readonly Attribute[];
  /** For a `static` local: the function it belongs to; clang names it `function.name`. */
  readonly owner: string | null;
  /** The initializer, once checked (globals and locals). */
  init: Expr | null;
  /** The ELF section: `SEC("…")`, or `.bss`/`.data`/`.rodata` as clang chooses for globals. */
  section: string | null;
}

export interface FunctionSymbol {
  readonly kind: "function";
  readonly id: number;
  readonly name: string;
  type: FunctionType;
  readonly span: Span;
  readonly isStatic: boolean;
  attributes: Attribute[];
  definition: FunctionDefinition | null;
  /** `SEC("…")` of a program, or null for a subprogram. */
  section: string | null;
  /** `__always_inline` (or `inline` with `static`): semantically part of each caller. */
  inline: boolean;
  /** Helpers are const function pointers holding the helper id, as libbpf declares them. */
  readonly helperId?: number;
}

export interface EnumConstantSymbol {
  readonly kind: "enum-constant";
  readonly id: number;
  readonly name: string;
  readonly type: CType;
  readonly value: bigint;
  readonly span: Span;
}

export interface TypedefSymbol {
  readonly kind: "typedef";
  readonly id: number;
  readonly name: string;
  readonly type: CType;
  readonly span: Span;
}

export type OrdinarySymbol = VariableSymbol | FunctionSymbol | EnumConstantSymbol | TypedefSymbol;

/** How a member access reached its field (offsets add up through anonymous members). */
export interface MemberAccess {
  readonly field: Field;
  readonly offset: number;
  readonly bitOffset?: number;
  readonly record: RecordInfo;
}

/** One leaf of a flattened initializer: store `value` (converted to `type`) at `offset`. */
export interface InitEntry {
  readonly offset: number;
  readonly type: CType;
  readonly value: Expr;
  readonly bitOffset?: number;
  readonly bitWidth?: number;
}

/** Everything the checker learned, in side tables keyed by node id or node. */
export interface TypedProgram {
  readonly unit: TranslationUnit;
  /** Type of each expression node, by node id, before any implicit conversion. */
  readonly exprTypes: (CType | undefined)[];
  /** The symbol each identifier expression refers to, by node id. */
  readonly references: (OrdinarySymbol | undefined)[];
  readonly members: Map<MemberExpr, MemberAccess>;
  /** Flattened initializers of variables and compound literals. */
  readonly initializers: Map<InitDeclarator | CompoundLiteral, InitEntry[]>;
  /** The variable each declarator of a `Declaration` declares. */
  readonly declared: Map<InitDeclarator, VariableSymbol>;
  /** Values of integer constant expressions the checker had to evaluate (sizes, cases, enums). */
  readonly constants: Map<number, bigint>;
  readonly functions: FunctionSymbol[];
  readonly globals: VariableSymbol[];
  /** Locals and parameters of each defined function, in declaration order. */
  readonly locals: Map<FunctionSymbol, VariableSymbol[]>;
  readonly records: RecordInfo[];
  readonly enums: EnumInfo[];
  readonly diagnostics: Diagnostic[];
}

/** A lexical scope: ordinary identifiers and tags live in separate name spaces, as in C. */
export class Scope {
  readonly ordinary = new Map<string, OrdinarySymbol>();
  readonly tags = new Map<
    string,
    { kind: "record"; record: RecordInfo } | { kind: "enum"; info: EnumInfo }
  >();

  constructor(readonly parent: Scope | null) {}

  lookup(name: string): OrdinarySymbol | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const found = s.ordinary.get(name);
      if (found) return found;
    }
    return undefined;
  }

  lookupTag(name: string) {
    for (let s: Scope | null = this; s; s = s.parent) {
      const found = s.tags.get(name);
      if (found) return found;
    }
    return undefined;
  }
}

/** The flattened initializer of a variable, or an empty list when it has none. */
export function initializerOf(program: TypedProgram, symbol: VariableSymbol): InitEntry[] {
  for (const [node, entries] of program.initializers) {
    if ("declarator" in node && program.declared.get(node) === symbol) return entries;
  }
  return [];
}
