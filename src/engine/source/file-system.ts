import { builtinHeaders } from "./headers";
import { bpfTracingH } from "./headers/bpf-tracing";
import { bpfCoreReadH, bpfEndianH, bpfHelpersH } from "./headers/libbpf";
import { usdtBpfH } from "./headers/usdt";
import { identifiersIn, kernelDeclarationsFor, vmlinuxHeaderOf } from "./headers/vmlinux-types";
import { helperDeclarations, helperDefsHeader } from "./helper-table";
import { SourceFile } from "./source-file";

/**
 * The scenario's files plus Tailscope's built-in headers. `#include "x.h"` looks beside the
 * including file first, then in the scenario, then in the built-in headers; `#include <x.h>`
 * looks in the scenario, then in the built-in headers, as clang does with `-I.` before the
 * system directories: a project's own `vmlinux.h` or `bpf/bpf_helpers.h` replaces Tailscope's.
 * The scenario's include directories (`-Idir`, in order) come after those, before the built-ins.
 */
export class VirtualFileSystem {
  private readonly cache = new Map<string, SourceFile>();
  /** Keyed by a Map, not the object given: a file named `constructor` or `__proto__` is just a name. */
  private readonly files: ReadonlyMap<string, string>;

  constructor(
    files: Readonly<Record<string, string>>,
    /** Folders of the scenario searched as `-I` searches them, after the including file's and the root. */
    private readonly includeDirs: readonly string[] = [],
  ) {
    this.files = new Map(Object.entries(files).filter(([, text]) => typeof text === "string"));
  }

  userFile(name: string): SourceFile | undefined {
    const text = this.files.get(name);
    if (text === undefined) return undefined;
    let file = this.cache.get(name);
    if (!file) {
      file = new SourceFile(name, text);
      this.cache.set(name, file);
    }
    return file;
  }

  resolveInclude(name: string, angled: boolean, includer: SourceFile): SourceFile | undefined {
    const sibling = joinPath(directoryOf(includer.name), name);
    const inDirs = () => {
      for (const dir of this.includeDirs) {
        const found = this.userFile(joinPath(`${dir}/`, name));
        if (found) return found;
      }
      return undefined;
    };
    const user = () =>
      includer.builtin ? undefined : (this.userFile(sibling) ?? this.userFile(name) ?? inDirs());
    const builtin = () => this.builtinFile(name);
    // An angled include searches the scenario's root (`-I.`) and its include directories, not
    // the including file's folder.
    const rooted = () => (includer.builtin ? undefined : (this.userFile(name) ?? inDirs()));
    return angled ? (rooted() ?? builtin()) : (user() ?? builtin());
  }

  private builtinFile(name: string): SourceFile | undefined {
    if (name === HELPER_DEFS) return this.helperDefs();
    if (name === VMLINUX) return this.vmlinux();
    return builtinFile(name);
  }

  /**
   * `<vmlinux.h>` from this kernel's BTF, cut to the types this build's sources and libbpf's
   * headers name: a dump of every kernel type would mean
   * the same to the program but take a second to build.
   */
  private vmlinux(): SourceFile {
    const named = new Set(libbpfIdentifiers());
    for (const text of this.files.values()) identifiersIn(text, named);
    const chosen = kernelDeclarationsFor(named);
    const key = chosen.join(",");
    let file = vmlinuxFiles.get(key);
    if (!file) {
      file = new SourceFile(VMLINUX, vmlinuxHeaderOf(chosen), true);
      if (vmlinuxFiles.size > 16) vmlinuxFiles.clear();
      vmlinuxFiles.set(key, file);
    }
    return file;
  }

  /** The helper declarations this build's sources can name (see helperDefsHeader). */
  private helperDefs(): SourceFile {
    const named = new Set(helpersNamedIn(builtinHeaderText()));
    let pasted = false;
    for (const text of this.files.values()) {
      for (const name of helpersNamedIn(text)) named.add(name);
      // A name made by token pasting (`bpf_##name`) cannot be found in the text: declare them all.
      if (text.includes("##")) pasted = true;
    }
    const helpers = pasted ? helperDeclarations : helperDeclarations.filter((h) => named.has(h.name));
    const key = helpers.map((h) => h.id).join(",");
    let file = helperDefsFiles.get(key);
    if (!file) {
      file = new SourceFile(HELPER_DEFS, helperDefsHeader(helpers), true);
      if (helperDefsFiles.size > 64) helperDefsFiles.clear();
      helperDefsFiles.set(key, file);
    }
    return file;
  }
}

const HELPER_DEFS = "bpf/bpf_helper_defs.h";
const VMLINUX = "vmlinux.h";

let libbpfNames: Set<string> | null = null;

/**
 * What libbpf's headers name, which a program's types may come from: the fixed-width integers
 * of the helper declarations, `struct pt_regs` of bpf_tracing.h's macros.
 */
function libbpfIdentifiers(): ReadonlySet<string> {
  if (!libbpfNames) {
    // The typedefs the helper declarations use (__u32, __wsum, __be16 …), not the structs they
    // point to, which a program that uses them names itself.
    const helperTypes = helperDefsHeader().match(/\b__\w+/g) ?? [];
    libbpfNames = new Set(helperTypes);
    for (const text of [bpfHelpersH, bpfTracingH, bpfCoreReadH, bpfEndianH, usdtBpfH])
      identifiersIn(text, libbpfNames);
  }
  return libbpfNames;
}

/** The header for each set of kernel types asked for, kept so that its tokens are reused. */
const vmlinuxFiles = new Map<string, SourceFile>();

/** The header for each set of helpers asked for, kept so that its tokens are reused. */
const helperDefsFiles = new Map<string, SourceFile>();

function helpersNamedIn(text: string): string[] {
  return text.match(/\bbpf_\w+/g) ?? [];
}

let otherHeadersText: string | null = null;

/** The built-in headers but the helper declarations: their macros name helpers too (bpf_printk). */
function builtinHeaderText(): string {
  otherHeadersText ??= Object.entries(builtinHeaders)
    .filter(([name]) => name !== HELPER_DEFS)
    .map(([, text]) => text)
    .join("\n");
  return otherHeadersText;
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

function joinPath(directory: string, name: string): string {
  const parts: string[] = [];
  for (const part of (directory + name).split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

const builtinFiles = new Map<string, SourceFile>();

/** Built-in headers are the same immutable SourceFile in every build, so their tokens can be reused. */
function builtinFile(requested: string): SourceFile | undefined {
  // The kernel's tree keeps the uapi headers under uapi/: <uapi/linux/ip.h> is <linux/ip.h>.
  const name = requested.startsWith("uapi/linux/") ? requested.slice("uapi/".length) : requested;
  let file = builtinFiles.get(name);
  if (!file) {
    if (!Object.hasOwn(builtinHeaders, name)) return undefined;
    const text = builtinHeaders[name];
    file = new SourceFile(name, text, true);
    builtinFiles.set(name, file);
  }
  return file;
}
