import type { Attribute, Declarator, DeclaratorPart, ParamDeclaration, Qualifiers, TypeName } from "./ast";
import {
  isDeclarationStart,
  looksLikeUnknownTypeName,
  parseAttributes,
  parseDeclSpecifiers,
  qualifierWords,
} from "./parse-declarations";
import { parseAssignment } from "./parse-expressions";
import type { ParserState } from "./parser-state";

// Declarators: the pointers, name, array sizes and parameter lists around a declared name
// (C11 6.7.6), and type names (a declarator without its name). The specifiers before them are
// parse-declarations.ts's; a declaration reaches this file through the parser's table
// (`p.declarator`), so the two import in one direction only.

function parseQualifiers(p: ParserState): Qualifiers {
  const q = { const: false, volatile: false, restrict: false };
  for (;;) {
    const keyword = p.keyword();
    if (keyword === "__attribute__") parseAttributes(p);
    else if (keyword && qualifierWords.has(keyword)) {
      p.advance();
      if (keyword === "const") q.const = true;
      else if (keyword === "volatile") q.volatile = true;
      else if (keyword === "restrict") q.restrict = true;
    } else return q;
  }
}

/**
 * declarator: pointer* direct-declarator suffix*. With `abstract`, the name may be missing
 * (type names, parameters).
 */
export function parseDeclarator(p: ParserState, abstract: boolean): Declarator {
  return p.nested(
    () => parseDeclaratorStep(p, abstract),
    () => ({ name: null, nameSpan: p.spanOf(p.token), parts: [], attributes: [] }),
  );
}

function parseDeclaratorStep(p: ParserState, abstract: boolean): Declarator {
  const pointers: DeclaratorPart[] = [];
  while (p.is("*")) {
    p.advance();
    pointers.push({ kind: "pointer", qualifiers: parseQualifiers(p) });
  }
  const attributes = parseAttributes(p);
  let name: string | null = null;
  let nameSpan = p.spanOf(p.token);
  let inner: DeclaratorPart[] = [];
  if (p.isIdentifier()) {
    const t = p.advance();
    name = t.text;
    nameSpan = p.spanOf(t);
  } else if (p.is("(") && isNestedDeclarator(p)) {
    const open = p.advance();
    const nested = parseDeclarator(p, abstract);
    p.expectClosing(")", open);
    name = nested.name;
    nameSpan = nested.nameSpan;
    inner = [...nested.parts];
    attributes.push(...nested.attributes);
  } else if (!abstract) {
    p.error("expected identifier or '('");
  }
  const suffixes = parseDeclaratorSuffixes(p);
  attributes.push(...parseAttributes(p));
  const label = parseAsmLabel(p);
  if (label) attributes.push(label);
  attributes.push(...parseAttributes(p));
  return { name, nameSpan, parts: [...inner, ...suffixes, ...pointers.reverse()], attributes };
}

/** After `(`: a nested declarator like `(*fp)` rather than a parameter list like `(int x)`. */
function isNestedDeclarator(p: ParserState): boolean {
  const next = p.peek();
  if (next.kind === "punct") return next.text === "*" || next.text === "(" || next.text === "[";
  if (p.keyword(next) === "__attribute__") return true;
  return p.isIdentifier(next) && !p.isTypedefName(next.text);
}

/**
 * A declarator's `asm("name")` label, kept as an `asm` attribute holding the name: it renames
 * the symbol, and `asm("llvm.bpf.load.byte")` makes a function LLVM's LD_ABS/LD_IND intrinsic.
 */
function parseAsmLabel(p: ParserState): Attribute | null {
  if (p.keyword() !== "asm") return null;
  const first = p.advance();
  const open = p.token;
  if (!p.expect("(")) return null;
  const name = p.is(")") ? null : parseAssignment(p);
  while (!p.is(")") && !p.atEnd()) p.advance();
  p.expectClosing(")", open);
  return { name: "asm", args: name ? [name] : [], span: p.spanFrom(first) };
}

function parseDeclaratorSuffixes(p: ParserState): DeclaratorPart[] {
  const parts: DeclaratorPart[] = [];
  for (;;) {
    if (p.is("[")) {
      const open = p.advance();
      while (p.keyword() === "static" || (p.keyword() && qualifierWords.has(p.keyword() ?? ""))) p.advance();
      const size = p.is("]") ? null : parseAssignment(p);
      p.expectClosing("]", open);
      parts.push({ kind: "array", size, span: p.spanFrom(open) });
    } else if (p.is("(")) {
      parts.push(parseParameterList(p));
    } else return parts;
  }
}

function parseParameterList(p: ParserState): DeclaratorPart {
  const open = p.advance();
  const params: ParamDeclaration[] = [];
  let variadic = false;
  if (p.is(")")) {
    p.advance();
    return { kind: "function", params, variadic, prototype: false };
  }
  p.pushScope();
  while (!p.atEnd()) {
    if (p.is("...")) {
      p.advance();
      variadic = true;
      break;
    }
    const first = p.token;
    if (!isDeclarationStart(p) && !looksLikeUnknownTypeName(p)) {
      p.error(p.isIdentifier() ? `unknown type name '${first.text}'` : "expected parameter declarator");
      if (p.isIdentifier()) p.advance();
      else break;
      if (!p.eat(",")) break;
      continue;
    }
    const specifiers = parseDeclSpecifiers(p);
    const declarator = parseDeclarator(p, true);
    params.push({ id: p.id(), span: p.spanFrom(first), specifiers, declarator });
    if (!p.eat(",")) break;
  }
  p.popScope();
  p.expectClosing(")", open);
  const onlyVoid =
    params.length === 1 &&
    params[0].declarator.name === null &&
    params[0].declarator.parts.length === 0 &&
    params[0].specifiers.type?.kind === "builtin" &&
    params[0].specifiers.type.words.join(" ") === "void";
  return { kind: "function", params: onlyVoid ? [] : params, variadic, prototype: true };
}

export function parseTypeName(p: ParserState): TypeName {
  const first = p.token;
  const specifiers = parseDeclSpecifiers(p);
  const declarator = parseDeclarator(p, true);
  if (declarator.name !== null) p.errorAt(declarator.nameSpan, "expected ')'");
  return { id: p.id(), span: p.spanFrom(first), specifiers, declarator };
}
