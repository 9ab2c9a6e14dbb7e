import type { Diagnostic, Severity } from "../diagnostics/diagnostic";
import type { VirtualFileSystem } from "../source/file-system";
import { SourceFile } from "../source/source-file";
import { type DynamicMacro, ExpansionBudgetExceeded, MacroExpander, TokenReader } from "./expander";
import { evaluateIfExpression } from "./if-expression";
import { tokenizeCached } from "./lexer";
import { type Macro, sameDefinition } from "./macros";
import { applyPragmas, type Silenced } from "./pragmas";
import { predefinedMacros } from "./predefined";
import { isPunct, makeToken, type Token, userSpan } from "./token";

const predefinedFile = new SourceFile("<built-in>", predefinedMacros, true);

/** Include depth at which clang gives up ("#include nested too deeply"). */
const MAX_INCLUDE_DEPTH = 200;

/**
 * Tokens a translation unit may have after preprocessing. The kernel's whole vmlinux.h is about
 * 500,000 (90 MB of tokens here); past this, what follows would take more memory than a browser
 * tab has to give, so the preprocessor stops with a diagnostic at the line that got there.
 */
export const MAX_PREPROCESSED_TOKENS = 1_500_000;

export interface PreprocessOptions {
  /** Headers included before the main file, as `clang -include` would. */
  readonly implicitIncludes?: readonly string[];
}

export interface PreprocessResult {
  /** The translation unit's tokens after every directive and macro, ending with `eof`. */
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
  /** Names of the user files that took part, main file first. */
  readonly files: string[];
  /** Built-in headers the user's files include themselves (`vmlinux.h`, `bpf/bpf_helpers.h` …). */
  readonly includedHeaders: string[];
  /** Preprocessing stopped at a budget: the tokens are cut short, and nothing after should run. */
  readonly stopped: boolean;
  /** Where `#pragma GCC diagnostic ignored` silences warning groups. */
  readonly silenced: readonly Silenced[];
}

interface Conditional {
  readonly directive: Token;
  /** A branch of this #if chain was already taken. */
  taken: boolean;
  sawElse: boolean;
}

/** Runs the C preprocessor over the main file of a virtual file system. */
export function preprocess(
  fs: VirtualFileSystem,
  mainName: string,
  options: PreprocessOptions = {},
): PreprocessResult {
  return new Preprocessor(fs).run(mainName, options);
}

class Preprocessor {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly macros = new Map<string, Macro>();
  private readonly reader = new TokenReader();
  private readonly expander: MacroExpander;
  private readonly conditionals: Conditional[][] = [];
  private readonly onceFiles = new Set<SourceFile>();
  private readonly includeStack: SourceFile[] = [];
  private readonly userFiles: string[] = [];
  private readonly includedHeaders: string[] = [];
  private counter = 0;
  /** The translation unit's tokens so far. */
  private readonly out: Token[] = [];

  constructor(private readonly fs: VirtualFileSystem) {
    const dynamic = new Map<string, DynamicMacro>([
      ["__LINE__", (site) => this.numberToken(site, String(this.userLine(site)))],
      ["__FILE__", (site) => ({ ...site, kind: "string", text: JSON.stringify(userSpan(site).file.name) })],
      ["__COUNTER__", (site) => this.numberToken(site, String(this.counter++))],
    ]);
    this.expander = new MacroExpander(this.macros, dynamic, (token, message) => this.error(token, message));
  }

  run(mainName: string, options: PreprocessOptions): PreprocessResult {
    const main = this.fs.userFile(mainName);
    if (!main) throw new Error(`no source file named ${mainName}`);
    const out = this.out;
    let stopped = false;
    try {
      this.drain(predefinedFile, out);
      for (const header of options.implicitIncludes ?? []) {
        const file = this.fs.resolveInclude(header, true, main);
        if (file) this.drain(file, out);
      }
      this.drain(main, out);
    } catch (error) {
      if (!(error instanceof ExpansionBudgetExceeded)) throw error;
      stopped = true;
      this.error(
        error.site,
        `${error.message}; the source expands without end (Tailscope's limit: a macro defined as two copies of the one before doubles with each level)`,
      );
    }
    out.push(makeToken("eof", "", main, main.text.length, main.text.length, true, false));
    const { tokens, silenced } = applyPragmas(out, (token, severity, message) => {
      const span = userSpan(token);
      this.report(span.file, span.start, span.end, severity, message);
    });
    return {
      tokens,
      silenced,
      diagnostics: this.diagnostics,
      files: this.userFiles,
      includedHeaders: this.includedHeaders,
      stopped,
    };
  }

  /** Preprocesses one file (and what it includes) to the end, appending to `out`. */
  private drain(file: SourceFile, out: Token[]): void {
    const baseDepth = this.reader.depth;
    this.enterFile(file);
    while (this.reader.depth > baseDepth) {
      const token = this.reader.next();
      if (!token) break;
      if (token.kind === "eof") {
        this.leaveFile();
        continue;
      }
      if (isPunct(token, "#") && token.bol && !token.fromMacro) {
        this.directive(token);
        continue;
      }
      if (this.expander.tryExpand(token, this.reader)) continue;
      if (out.length >= MAX_PREPROCESSED_TOKENS)
        throw new ExpansionBudgetExceeded(
          token,
          `the translation unit passes ${MAX_PREPROCESSED_TOKENS.toLocaleString("en")} tokens after preprocessing here`,
        );
      out.push(token);
    }
  }

  private enterFile(file: SourceFile): void {
    const { tokens, errors } = tokenizeCached(file);
    for (const e of errors) this.report(file, e.offset, e.end, "error", e.message);
    if (!file.builtin && !this.userFiles.includes(file.name)) this.userFiles.push(file.name);
    this.includeStack.push(file);
    this.conditionals.push([]);
    this.reader.push(tokens);
  }

  private leaveFile(): void {
    for (const open of this.conditionals.pop() ?? [])
      this.error(open.directive, "unterminated conditional directive");
    this.includeStack.pop();
    this.reader.popFrame();
  }

  /** The rest of the directive's line: tokens up to the next one that starts a line. */
  private readLine(): Token[] {
    const line: Token[] = [];
    for (let t = this.reader.peek(); t && !t.bol && t.kind !== "eof"; t = this.reader.peek()) {
      line.push(t);
      this.reader.next();
    }
    return line;
  }

  private directive(hash: Token): void {
    const name = this.reader.peek();
    if (!name || name.bol || name.kind === "eof") return; // the null directive
    this.reader.next();
    const line = this.readLine();
    switch (name.text) {
      case "define":
        return this.define(line, name);
      case "undef":
        if (line[0]?.kind !== "ident") return this.error(name, "macro name must be an identifier");
        this.macros.delete(line[0].text);
        return;
      case "include":
        return this.include(line, name);
      case "if":
        return this.openConditional(hash, this.evaluate(line, name));
      case "ifdef":
      case "ifndef":
        if (line[0]?.kind !== "ident") return this.error(name, "macro name missing");
        return this.openConditional(hash, this.macros.has(line[0].text) === (name.text === "ifdef"));
      case "elif":
      case "else":
        return this.alternative(name, line);
      case "endif":
        if (!this.currentConditionals().pop()) this.error(name, "#endif without #if");
        return;
      case "pragma":
        if (line[0]?.text === "once") this.onceFiles.add(hash.file);
        else this.out.push(...pragmaOperator(hash, line));
        return;
      case "error":
      case "warning":
        return this.report(
          hash.file,
          hash.start,
          name.end,
          name.text === "error" ? "error" : "warning",
          lineText(line) || `#${name.text}`,
        );
      case "line":
        return;
      default:
        if (name.kind === "number") return; // GNU line marker `# 12 "file"`
        this.error(name, "invalid preprocessing directive");
    }
  }

  private currentConditionals(): Conditional[] {
    return this.conditionals[this.conditionals.length - 1];
  }

  private openConditional(hash: Token, take: boolean): void {
    this.currentConditionals().push({ directive: hash, taken: take, sawElse: false });
    if (!take) this.skipBranch();
  }

  /** `#elif`/`#else` reached while the previous branch was active: skip to `#endif`. */
  private alternative(name: Token, _line: Token[]): void {
    const open = this.currentConditionals().at(-1);
    if (!open) return this.error(name, `#${name.text} without #if`);
    if (open.sawElse) return this.error(name, `#${name.text} after #else`);
    if (name.text === "else") open.sawElse = true;
    open.taken = true;
    this.skipBranch();
  }

  /** Skips tokens of a false branch until the matching `#elif` that holds, `#else` or `#endif`. */
  private skipBranch(): void {
    const open = this.currentConditionals().at(-1);
    if (!open) return;
    let depth = 0;
    for (;;) {
      const t = this.reader.peek();
      if (!t || t.kind === "eof") return;
      this.reader.next();
      if (!isPunct(t, "#") || !t.bol) continue;
      const name = this.reader.peek();
      if (!name || name.bol || name.kind === "eof") continue;
      this.reader.next();
      const line = this.readLine();
      if (["if", "ifdef", "ifndef"].includes(name.text)) depth++;
      else if (name.text === "endif") {
        if (depth === 0) {
          this.currentConditionals().pop();
          return;
        }
        depth--;
      } else if (depth === 0 && (name.text === "else" || name.text === "elif")) {
        if (open.sawElse) this.error(name, `#${name.text} after #else`);
        if (name.text === "else") open.sawElse = true;
        if (open.taken) continue;
        if (name.text === "else" || this.evaluate(line, name)) {
          open.taken = true;
          return;
        }
      }
    }
  }

  private evaluate(line: Token[], directive: Token): boolean {
    const expanded = this.expander.expandAll(this.resolveDefined(line, directive));
    const result = evaluateIfExpression(expanded, directive);
    if (!result.ok) {
      this.error(result.token, result.message);
      return false;
    }
    return result.value !== 0n;
  }

  /** Replaces `defined X`, `defined(X)` and `__has_*(…)` before macro expansion, as C requires. */
  private resolveDefined(line: Token[], directive: Token): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < line.length; i++) {
      const t = line[i];
      if (t.kind === "ident" && t.text === "defined") {
        const parenthesised = isPunct(line[i + 1] ?? t, "(");
        const name = line[i + (parenthesised ? 2 : 1)];
        if (!name || name.kind !== "ident") {
          this.error(name ?? directive, "macro name must be an identifier");
          return [];
        }
        out.push(this.numberToken(t, this.macros.has(name.text) ? "1" : "0"));
        i += parenthesised ? 3 : 1;
        continue;
      }
      if (t.kind === "ident" && /^__has_(include|builtin|attribute|feature|extension)$/.test(t.text)) {
        const close = line.findIndex((x, j) => j > i && isPunct(x, ")"));
        const argument = lineText(line.slice(i + 2, close < 0 ? line.length : close));
        out.push(this.numberToken(t, this.hasFeature(t.text, argument, directive) ? "1" : "0"));
        i = close < 0 ? line.length : close;
        continue;
      }
      out.push(t);
    }
    return out;
  }

  private hasFeature(kind: string, argument: string, site: Token): boolean {
    if (kind === "__has_include") {
      const name = argument.replace(/^[<"]\s*|\s*[>"]$/g, "").replace(/\s+/g, "");
      return this.fs.resolveInclude(name, argument.startsWith("<"), site.file) !== undefined;
    }
    if (kind === "__has_builtin") return argument.startsWith("__builtin_");
    return ["section", "always_inline", "noinline", "packed", "aligned", "unused", "used"].includes(argument);
  }

  private define(line: Token[], directive: Token): void {
    const name = line[0];
    if (!name || name.kind !== "ident")
      return this.error(line[0] ?? directive, "macro name must be an identifier");
    if (name.text === "defined") return this.error(name, "'defined' cannot be used as a macro name");
    let macro: Macro;
    if (line[1] && isPunct(line[1], "(") && !line[1].space) {
      const parsed = parseParameters(line, 2);
      if (typeof parsed === "string") return this.error(line[1], parsed);
      macro = {
        name: name.text,
        functionLike: true,
        ...parsed.params,
        body: line.slice(parsed.bodyStart),
        definedAt: name,
      };
    } else {
      macro = {
        name: name.text,
        functionLike: false,
        params: [],
        variadic: false,
        body: line.slice(1),
        definedAt: name,
      };
    }
    const previous = this.macros.get(name.text);
    if (previous && !sameDefinition(previous, macro) && !name.file.builtin) {
      this.report(name.file, name.start, name.end, "warning", `'${name.text}' macro redefined`);
    }
    this.macros.set(name.text, macro);
  }

  private include(line: Token[], directive: Token): void {
    const spec = this.includeSpec(
      line.length > 0 && line[0].kind === "ident" ? this.expander.expandAll(line) : line,
    );
    if (!spec) return this.error(line[0] ?? directive, 'expected "FILENAME" or <FILENAME>');
    const includer = this.includeStack[this.includeStack.length - 1];
    const file = this.fs.resolveInclude(spec.name, spec.angled, includer);
    if (!file) return this.error(line[0], `'${spec.name}' file not found`);
    if (!includer.builtin && file.builtin) this.includedHeaders.push(spec.name);
    if (this.onceFiles.has(file)) return;
    if (this.includeStack.length >= MAX_INCLUDE_DEPTH)
      return this.error(line[0], "#include nested too deeply");
    this.enterFile(file);
  }

  private includeSpec(line: Token[]): { name: string; angled: boolean } | null {
    if (line[0]?.kind === "string") return { name: line[0].text.slice(1, -1), angled: false };
    if (line[0] && isPunct(line[0], "<")) {
      const close = line.findIndex((t) => isPunct(t, ">"));
      if (close < 0) return null;
      return {
        name: line
          .slice(1, close)
          .map((t) => t.text)
          .join(""),
        angled: true,
      };
    }
    return null;
  }

  private numberToken(site: Token, text: string): Token {
    return { ...site, kind: "number", text };
  }

  private userLine(site: Token): number {
    const span = userSpan(site);
    return span.file.position(span.start).line;
  }

  private error(token: Token, message: string): void {
    const span = userSpan(token);
    this.report(span.file, span.start, span.end, "error", message);
  }

  private report(file: SourceFile, start: number, end: number, severity: Severity, message: string): void {
    const from = file.position(start);
    const to = file.position(end);
    this.diagnostics.push({
      file: file.name,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      severity,
      stage: "preprocess",
      message,
    });
  }
}

function parseParameters(
  line: Token[],
  from: number,
): { params: { params: string[]; variadic: boolean }; bodyStart: number } | string {
  const params: string[] = [];
  let i = from;
  if (isPunct(line[i] ?? line[0], ")")) return { params: { params, variadic: false }, bodyStart: i + 1 };
  for (;;) {
    const t = line[i];
    if (!t) return "missing ')' in macro parameter list";
    if (isPunct(t, "...")) {
      params.push("__VA_ARGS__");
      if (!line[i + 1] || !isPunct(line[i + 1], ")")) return "missing ')' in macro parameter list";
      return { params: { params, variadic: true }, bodyStart: i + 2 };
    }
    if (t.kind !== "ident") return "invalid token in macro parameter list";
    if (line[i + 1] && isPunct(line[i + 1], "...")) {
      params.push(t.text);
      if (!line[i + 2] || !isPunct(line[i + 2], ")")) return "missing ')' in macro parameter list";
      return { params: { params, variadic: true }, bodyStart: i + 3 };
    }
    params.push(t.text);
    const sep = line[i + 1];
    if (sep && isPunct(sep, ")")) return { params: { params, variadic: false }, bodyStart: i + 2 };
    if (!sep || !isPunct(sep, ",")) return "expected comma in macro parameter list";
    i += 2;
  }
}

/** A `#pragma` line as the `_Pragma("…")` operator it is equivalent to, placed at the `#`. */
function pragmaOperator(hash: Token, line: readonly Token[]): Token[] {
  const at = (kind: Token["kind"], text: string): Token => ({ ...hash, kind, text, hideset: null });
  const literal = `"${lineText(line).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return [at("ident", "_Pragma"), at("punct", "("), at("string", literal), at("punct", ")")];
}

function lineText(line: readonly Token[]): string {
  return line.map((t, i) => (i > 0 && t.space ? " " : "") + t.text).join("");
}
