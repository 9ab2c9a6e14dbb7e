import type { Token } from "../preprocess/token";
import type {
  Attribute,
  Declaration,
  Declarator,
  DeclSpecifiers,
  Enumerator,
  EnumSpecifier,
  Expr,
  ExternalDeclaration,
  FieldDeclaration,
  FieldDeclarator,
  InitDeclarator,
  Qualifiers,
  RecordSpecifier,
  StaticAssert,
  StorageClass,
  TypeName,
  TypeSpecifier,
} from "./ast";
import { parseAssignment, parseConditional, parseExpression, parseInitializer } from "./parse-expressions";
import type { ParserState } from "./parser-state";

const builtinTypeWords = new Set([
  "void",
  "char",
  "short",
  "int",
  "long",
  "float",
  "double",
  "signed",
  "unsigned",
  "_Bool",
  "__int128",
]);
export const qualifierWords = new Set(["const", "volatile", "restrict", "_Atomic"]);
const storageWords = new Set(["typedef", "extern", "static", "auto", "register", "_Thread_local"]);

const noQualifiers: Qualifiers = { const: false, volatile: false, restrict: false };

/** Can this token start declaration specifiers (and so a declaration or a type name)? */
export function isDeclarationStart(p: ParserState, t: Token = p.token): boolean {
  const keyword = p.keyword(t);
  if (keyword) {
    return (
      builtinTypeWords.has(keyword) ||
      qualifierWords.has(keyword) ||
      storageWords.has(keyword) ||
      [
        "struct",
        "union",
        "enum",
        "typeof",
        "inline",
        "_Noreturn",
        "__attribute__",
        "_Alignas",
        "__extension__",
      ].includes(keyword)
    );
  }
  return t.kind === "ident" && p.isTypedefName(t.text);
}

export function isTypeNameStart(p: ParserState, t: Token): boolean {
  const keyword = p.keyword(t);
  if (keyword && storageWords.has(keyword)) return false;
  return isDeclarationStart(p, t);
}

// ---------------------------------------------------------------- specifiers

export function parseDeclSpecifiers(p: ParserState): DeclSpecifiers {
  const first = p.token;
  let storage: StorageClass | null = null;
  let inline = false;
  const qualifiers = { const: false, volatile: false, restrict: false };
  const words: string[] = [];
  let type: TypeSpecifier | null = null;
  const attributes: Attribute[] = [];
  let alignas: Expr | TypeName | null = null;

  for (;;) {
    const t = p.token;
    const keyword = p.keyword(t);
    if (keyword === "__attribute__") {
      attributes.push(...parseAttributes(p));
      continue;
    }
    if (keyword && storageWords.has(keyword)) {
      p.advance();
      if (keyword !== "_Thread_local") {
        if (storage && storage !== keyword)
          p.error("cannot combine with previous storage class specifier", t);
        storage = keyword as StorageClass;
      }
      continue;
    }
    if (keyword && qualifierWords.has(keyword)) {
      p.advance();
      if (keyword === "const") qualifiers.const = true;
      else if (keyword === "volatile") qualifiers.volatile = true;
      else if (keyword === "restrict") qualifiers.restrict = true;
      continue;
    }
    if (keyword === "inline" || keyword === "_Noreturn" || keyword === "__extension__") {
      p.advance();
      if (keyword === "inline") inline = true;
      continue;
    }
    if (keyword === "_Alignas") {
      p.advance();
      const open = p.token;
      p.expect("(");
      alignas = isTypeNameStart(p, p.token) ? p.typeName() : parseConditional(p);
      p.expectClosing(")", open);
      continue;
    }
    if (type === null && keyword && builtinTypeWords.has(keyword)) {
      p.advance();
      words.push(keyword);
      continue;
    }
    if (words.length > 0 || type !== null) break;
    if (keyword === "struct" || keyword === "union") {
      type = parseRecordSpecifier(p);
      continue;
    }
    if (keyword === "enum") {
      type = parseEnumSpecifier(p);
      continue;
    }
    if (keyword === "typeof") {
      type = parseTypeof(p);
      continue;
    }
    if (t.kind === "ident" && !keyword && p.isTypedefName(t.text)) {
      p.advance();
      type = { kind: "typedef-name", name: t.text };
      continue;
    }
    if (t.kind === "ident" && !keyword && looksLikeUnknownTypeName(p)) {
      p.error(`unknown type name '${t.text}'`, t);
      p.advance();
      type = { kind: "builtin", words: ["int"] };
      continue;
    }
    break;
  }
  if (words.length > 0) type = { kind: "builtin", words };
  return { span: p.spanFrom(first), storage, inline, qualifiers, type, attributes, alignas };
}

/** `foo bar` or `foo *bar` where `foo` is not a type: clang's "unknown type name 'foo'". */
export function looksLikeUnknownTypeName(p: ParserState): boolean {
  const next = p.peek();
  if (p.isIdentifier(next) && !p.isTypedefName(next.text)) return true;
  return next.kind === "punct" && next.text === "*" && p.isIdentifier(p.peek(2)) && p.peek(3).text !== "=";
}

function parseTypeof(p: ParserState): TypeSpecifier {
  p.advance();
  const open = p.token;
  p.expect("(");
  let result: TypeSpecifier;
  if (isTypeNameStart(p, p.token)) result = { kind: "typeof", typeName: p.typeName() };
  else result = { kind: "typeof", expr: parseExpression(p) };
  p.expectClosing(")", open);
  return result;
}

/** `__attribute__((name, name(args), …))`, possibly repeated. */
export function parseAttributes(p: ParserState): Attribute[] {
  const attributes: Attribute[] = [];
  while (p.keyword() === "__attribute__") {
    p.advance();
    const outer = p.token;
    if (!p.expect("(") || !p.expect("(")) return attributes;
    while (!p.is(")") && !p.atEnd()) {
      const name = p.token;
      if (name.kind !== "ident") {
        p.error("expected identifier");
        break;
      }
      p.advance();
      const args: Expr[] = [];
      if (p.is("(")) {
        const open = p.advance();
        if (!p.is(")")) {
          do args.push(parseAssignment(p));
          while (p.eat(","));
        }
        p.expectClosing(")", open);
      }
      attributes.push({ name: name.text.replace(/^__(.*)__$/, "$1"), args, span: p.spanFrom(name) });
      if (!p.eat(",")) break;
    }
    p.expectClosing(")", outer);
    p.expect(")");
  }
  return attributes;
}

function parseRecordSpecifier(p: ParserState): RecordSpecifier {
  const keywordToken = p.advance();
  const tagKind = p.keyword(keywordToken) as "struct" | "union";
  const attributes = parseAttributes(p);
  let tag: string | null = null;
  if (p.token.kind === "ident" && !p.keyword()) tag = p.advance().text;
  if (!p.is("{")) {
    if (tag === null) p.error(`declaration of anonymous ${tagKind} must be a definition`);
    return {
      kind: "record",
      id: p.id(),
      span: p.spanFrom(keywordToken),
      tagKind,
      tag,
      members: null,
      attributes,
    };
  }
  const open = p.advance();
  const members: FieldDeclaration[] = [];
  while (!p.is("}") && !p.atEnd()) {
    const before = p.pos;
    if (p.eat(";")) continue;
    members.push(parseFieldDeclaration(p));
    if (p.pos === before) p.skipToStatementEnd();
  }
  p.expectClosing("}", open);
  attributes.push(...parseAttributes(p));
  return { kind: "record", id: p.id(), span: p.spanFrom(keywordToken), tagKind, tag, members, attributes };
}

function parseFieldDeclaration(p: ParserState): FieldDeclaration {
  const first = p.token;
  if (!isDeclarationStart(p)) {
    p.error("type name requires a specifier or qualifier");
    p.skipToStatementEnd();
    return { id: p.id(), span: p.spanFrom(first), specifiers: parseDeclSpecifiers(p), declarators: [] };
  }
  const specifiers = parseDeclSpecifiers(p);
  const declarators: FieldDeclarator[] = [];
  if (!p.is(";")) {
    do {
      const declarator = p.is(":") ? abstractDeclarator(p) : p.declarator(false);
      const bitWidth = p.eat(":") ? parseConditional(p) : null;
      const attributes = parseAttributes(p);
      declarators.push({ declarator: withAttributes(declarator, attributes), bitWidth });
    } while (p.eat(","));
  }
  // A C extension in clang: only a warning, and the member list goes on.
  p.warnMissingSemicolon("expected ';' at end of declaration list");
  return { id: p.id(), span: p.spanFrom(first), specifiers, declarators };
}

function abstractDeclarator(p: ParserState): Declarator {
  return { name: null, nameSpan: p.spanOf(p.token), parts: [], attributes: [] };
}

function withAttributes(d: Declarator, attributes: Attribute[]): Declarator {
  return attributes.length === 0 ? d : { ...d, attributes: [...d.attributes, ...attributes] };
}

function parseEnumSpecifier(p: ParserState): EnumSpecifier {
  const keywordToken = p.advance();
  parseAttributes(p);
  let tag: string | null = null;
  if (p.token.kind === "ident" && !p.keyword()) tag = p.advance().text;
  if (!p.is("{")) {
    if (tag === null) p.error("declaration of anonymous enum must be a definition");
    return { kind: "enum", id: p.id(), span: p.spanFrom(keywordToken), tag, enumerators: null };
  }
  const open = p.advance();
  const enumerators: Enumerator[] = [];
  while (!p.is("}") && !p.atEnd()) {
    if (!p.isIdentifier()) {
      p.error("expected identifier");
      p.skipToStatementEnd();
      break;
    }
    const name = p.advance();
    const value = p.eat("=") ? parseConditional(p) : null;
    enumerators.push({ id: p.id(), span: p.spanFrom(name), name: name.text, value });
    p.declareName(name.text, false);
    if (!p.eat(",")) break;
  }
  p.expectClosing("}", open);
  parseAttributes(p);
  return { kind: "enum", id: p.id(), span: p.spanFrom(keywordToken), tag, enumerators };
}

// ---------------------------------------------------------------- declarations

export function parseStaticAssert(p: ParserState): StaticAssert {
  const first = p.advance();
  const open = p.token;
  p.expect("(");
  const test = parseConditional(p);
  let message: string | null = null;
  if (p.eat(",")) {
    const literal = p.token;
    if (literal.kind === "string") {
      message = literal.text.slice(1, -1);
      while (p.token.kind === "string") p.advance();
    } else p.error("expected string literal for diagnostic message in static_assert");
  }
  p.expectClosing(")", open);
  p.expectSemicolon("expected ';' after static_assert");
  return { kind: "static-assert", id: p.id(), span: p.spanFrom(first), test, message };
}

function isFunctionDeclarator(d: Declarator): boolean {
  return d.parts[0]?.kind === "function";
}

/** One top-level declaration or function definition. */
export function parseExternalDeclaration(p: ParserState): ExternalDeclaration | null {
  if (p.keyword() === "_Static_assert") return parseStaticAssert(p);
  const first = p.token;
  const specifiers = parseDeclSpecifiers(p);
  if (specifiers.type === null && specifiers.storage === null && !isTypeStartAfterImplicitInt(p)) {
    p.error("expected identifier or '('");
    p.skipToStatementEnd();
    return null;
  }
  if (p.is(";")) {
    p.advance();
    return { kind: "declaration", id: p.id(), span: p.spanFrom(first), specifiers, declarators: [] };
  }
  if (recordMissingSemicolon(p, specifiers)) {
    return { kind: "declaration", id: p.id(), span: p.spanFrom(first), specifiers, declarators: [] };
  }
  if (specifiers.type === null) {
    p.warningAt(p.spanOf(first), "type specifier missing, defaults to 'int'");
  }
  const declarator = p.declarator(false);
  if (isFunctionDeclarator(declarator) && (p.is("{") || isDeclarationStart(p))) {
    if (!p.is("{")) {
      p.error("expected function body after function declarator");
      p.skipToStatementEnd();
      return null;
    }
    declareNames(p, specifiers, [declarator]);
    p.pushScope();
    for (const part of declarator.parts) {
      if (part.kind !== "function") break;
      for (const param of part.params) if (param.declarator.name) p.declareName(param.declarator.name, false);
      break;
    }
    const body = p.compoundStatement(false);
    p.popScope();
    return { kind: "function", id: p.id(), span: p.spanFrom(first), specifiers, declarator, body };
  }
  const declarators = parseInitDeclarators(p, specifiers, declarator);
  p.expectSemicolon("expected ';' after top level declarator");
  return { kind: "declaration", id: p.id(), span: p.spanFrom(first), specifiers, declarators };
}

function isTypeStartAfterImplicitInt(p: ParserState): boolean {
  return p.isIdentifier() && (p.peek().text === "(" || p.peek().text === "=" || p.peek().text === ";");
}

/**
 * After `struct x { … }`, a token that cannot continue the declaration means the `;` is
 * missing: clang says "expected ';' after struct" just past the `}` and carries on.
 */
function recordMissingSemicolon(p: ParserState, specifiers: DeclSpecifiers): boolean {
  const type = specifiers.type;
  const defines =
    (type?.kind === "record" && type.members !== null) ||
    (type?.kind === "enum" && type.enumerators !== null);
  if (!type || !defines) return false;
  const t = p.token;
  const keyword = p.keyword(t);
  const canFollow =
    (t.kind === "punct" && ["*", "(", "[", ",", ":", ";", "=", ")"].includes(t.text)) ||
    (t.kind === "ident" && !keyword) ||
    (keyword !== null &&
      (qualifierWords.has(keyword) ||
        storageWords.has(keyword) ||
        keyword === "__attribute__" ||
        keyword === "inline"));
  if (canFollow) return false;
  const what = type.kind === "record" ? type.tagKind : "enum";
  p.errorAt(p.missingTokenSpan(), `expected ';' after ${what}`);
  return true;
}

function parseInitDeclarators(
  p: ParserState,
  specifiers: DeclSpecifiers,
  firstDeclarator: Declarator,
): InitDeclarator[] {
  const declarators: InitDeclarator[] = [];
  let declarator = firstDeclarator;
  for (;;) {
    declareNames(p, specifiers, [declarator]);
    const init = p.eat("=") ? parseInitializer(p) : null;
    declarators.push({ declarator, init });
    if (!p.eat(",")) return declarators;
    declarator = p.declarator(false);
  }
}

function declareNames(p: ParserState, specifiers: DeclSpecifiers, declarators: Declarator[]): void {
  for (const d of declarators) if (d.name) p.declareName(d.name, specifiers.storage === "typedef");
}

/** A declaration inside a function body. */
export function parseBlockDeclaration(p: ParserState): Declaration {
  const first = p.token;
  const specifiers = parseDeclSpecifiers(p);
  if (p.is(";")) {
    p.advance();
    return { kind: "declaration", id: p.id(), span: p.spanFrom(first), specifiers, declarators: [] };
  }
  if (recordMissingSemicolon(p, specifiers)) {
    return { kind: "declaration", id: p.id(), span: p.spanFrom(first), specifiers, declarators: [] };
  }
  const declarators = parseInitDeclarators(p, specifiers, p.declarator(false));
  p.expectSemicolonOrSkip("expected ';' at end of declaration");
  return { kind: "declaration", id: p.id(), span: p.spanFrom(first), specifiers, declarators };
}

export { noQualifiers };
