import { SourceFile } from "../source/source-file";
import { tokenize } from "./lexer";
import type { Expansion, Token } from "./token";

/** A `#define`d macro. */
export interface Macro {
  readonly name: string;
  readonly functionLike: boolean;
  readonly params: readonly string[];
  /** The last parameter is `...` (or `name...`, GNU named variadic). */
  readonly variadic: boolean;
  readonly body: readonly Token[];
  readonly definedAt: Token | null;
}

/** Reports a macro-expansion problem at a token; the preprocessor turns it into a diagnostic. */
export type MacroErrorSink = (token: Token, message: string) => void;

/**
 * Hide sets made once and shared: every token of an expansion carries one, and a macro expanded
 * through many levels would otherwise give each of its tokens a copy per level (a macro defined
 * as two copies of the one before made a kilobyte per token). Hide sets are never changed once
 * made, so equal ones can be the same object; this makes them per translation unit.
 */
export class HidesetInterner {
  private readonly withName = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();
  private readonly unions = new WeakMap<
    ReadonlySet<string>,
    WeakMap<ReadonlySet<string>, ReadonlySet<string>>
  >();
  private readonly single = new Map<string, ReadonlySet<string>>();

  /** `hideset` with `name` added. */
  add(hideset: ReadonlySet<string> | null, name: string): ReadonlySet<string> {
    if (!hideset) {
      let made = this.single.get(name);
      if (!made) {
        made = new Set([name]);
        this.single.set(name, made);
      }
      return made;
    }
    if (hideset.has(name)) return hideset;
    let byName = this.withName.get(hideset);
    if (!byName) {
      byName = new Map();
      this.withName.set(hideset, byName);
    }
    let made = byName.get(name);
    if (!made) {
      made = new Set([...hideset, name]);
      byName.set(name, made);
    }
    return made;
  }

  /** Every name of both. */
  union(hideset: ReadonlySet<string> | null, names: ReadonlySet<string>): ReadonlySet<string> {
    if (!hideset || hideset === names) return names;
    let byOther = this.unions.get(hideset);
    if (!byOther) {
      byOther = new WeakMap();
      this.unions.set(hideset, byOther);
    }
    let made = byOther.get(names);
    if (!made) {
      made = new Set([...hideset, ...names]);
      byOther.set(names, made);
    }
    return made;
  }
}

export function intersectHidesets(
  a: ReadonlySet<string> | null,
  b: ReadonlySet<string> | null,
): ReadonlySet<string> | null {
  if (!a || !b) return null;
  const result = new Set<string>();
  for (const name of a) if (b.has(name)) result.add(name);
  return result;
}

/** Two definitions are the same when their parameters and body tokens (and spacing) agree. */
export function sameDefinition(a: Macro, b: Macro): boolean {
  if (a.functionLike !== b.functionLike || a.variadic !== b.variadic) return false;
  if (a.params.join(",") !== b.params.join(",") || a.body.length !== b.body.length) return false;
  return a.body.every((t, i) => t.text === b.body[i].text && (i === 0 || t.space === b.body[i].space));
}

/** `#arg`: the argument's spelling as a string literal, with quotes and backslashes escaped in literals. */
export function stringize(hash: Token, arg: readonly Token[]): Token {
  let text = "";
  arg.forEach((t, i) => {
    if (i > 0 && t.space) text += " ";
    text += t.kind === "string" || t.kind === "char" ? t.text.replace(/[\\"]/g, (c) => `\\${c}`) : t.text;
  });
  return { ...hash, kind: "string", text: `"${text}"`, space: hash.space };
}

/** `a ## b`: relexes the joined spelling; it must form exactly one token. */
export function paste(left: Token, right: Token, report: MacroErrorSink): Token {
  const joined = left.text + right.text;
  const { tokens, errors } = tokenize(new SourceFile("<scratch space>", joined));
  if (errors.length > 0 || tokens.length !== 2) {
    report(left, `pasting formed '${joined}', an invalid preprocessing token`);
    return left;
  }
  return { ...left, kind: tokens[0].kind, text: joined };
}

/** Marks tokens as produced by a macro invoked at `site`, keeping the outermost user location. */
export function markExpansion(
  tokens: Token[],
  argumentTokens: ReadonlySet<Token>,
  origin: Expansion,
  hideset: ReadonlySet<string>,
  site: Token,
  hidesets: HidesetInterner,
): Token[] {
  return tokens.map((t, i) => ({
    ...t,
    hideset: hidesets.union(t.hideset, hideset),
    // Argument tokens keep their own location: the user wrote them where they stand.
    expansion: argumentTokens.has(t) ? t.expansion : (t.expansion ?? origin),
    fromMacro: true,
    endsExpansion: i === tokens.length - 1 && !site.fromMacro,
    // The first token takes the invocation's spacing, so stringizing an outer argument stays right.
    space: i === 0 ? site.space : t.space,
    bol: i === 0 ? site.bol : false,
  }));
}
