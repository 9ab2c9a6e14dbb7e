import type { CType } from "./ctypes";

/** A type as clang prints it in messages: `'struct tail_context *'`, `'__u32' (aka 'unsigned int')`. */
export function quoteType(t: CType): string {
  const spelled = typeToString(t);
  const canonical = typeToString(canonicalType(t));
  return spelled === canonical ? `'${spelled}'` : `'${spelled}' (aka '${canonical}')`;
}

/** Removes typedef names everywhere in the type, keeping qualifiers. */
export function canonicalType(t: CType): CType {
  const base: CType = t.typedefName ? { ...t, typedefName: undefined } : t;
  switch (base.kind) {
    case "pointer":
      return { ...base, to: canonicalType(base.to) };
    case "array":
      return { ...base, of: canonicalType(base.of) };
    case "function":
      return { ...base, returns: canonicalType(base.returns), params: base.params.map(canonicalType) };
    default:
      return base;
  }
}

export function typeToString(t: CType): string {
  return declaratorString(t, "");
}

function qualifierPrefix(t: CType): string {
  return `${t.const ? "const " : ""}${t.volatile ? "volatile " : ""}`;
}

/** Builds C declarator syntax inside-out, so pointers to arrays and functions read right. */
function declaratorString(t: CType, inner: string): string {
  if (t.typedefName) return joinSpace(qualifierPrefix(t) + t.typedefName, inner);
  switch (t.kind) {
    case "void":
    case "int":
    case "float":
      return joinSpace(qualifierPrefix(t) + (t.kind === "void" ? "void" : t.name), inner);
    case "record":
      return joinSpace(
        qualifierPrefix(t) +
          (t.record.tag ? `${t.record.tagKind} ${t.record.tag}` : `${t.record.tagKind} (unnamed)`),
        inner,
      );
    case "enum":
      return joinSpace(qualifierPrefix(t) + (t.info.tag ? `enum ${t.info.tag}` : "enum (unnamed)"), inner);
    case "pointer": {
      const quals = `${t.const ? " const" : ""}${t.volatile ? " volatile" : ""}`;
      const starred = `*${quals}${inner ? (quals ? " " : "") + inner : ""}`;
      const needsParens = t.to.kind === "array" || t.to.kind === "function";
      return declaratorString(t.to, needsParens ? `(${starred})` : starred);
    }
    case "array":
      return declaratorString(t.of, `${inner}[${t.length ?? ""}]`);
    case "function": {
      const params = t.params.map((p) => typeToString(p));
      if (t.variadic) params.push("...");
      const list = params.length === 0 ? (t.prototype ? "void" : "") : params.join(", ");
      return declaratorString(t.returns, `${inner}(${list})`);
    }
  }
}

function joinSpace(base: string, inner: string): string {
  if (!inner) return base;
  return inner.startsWith("[") ? `${base}${inner}` : `${base} ${inner}`;
}
