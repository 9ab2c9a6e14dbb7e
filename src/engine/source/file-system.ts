import { builtinHeaders } from "./headers";
import { SourceFile } from "./source-file";

/**
 * The scenario's files plus Tailscope's built-in headers. `#include "x.h"` looks beside the
 * including file first, then in the scenario, then in the built-in headers; `#include <x.h>`
 * looks in the built-in headers, then in the scenario (as `-I.` would).
 */
export class VirtualFileSystem {
  private readonly cache = new Map<string, SourceFile>();
  /** Keyed by a Map, not the object given: a file named `constructor` or `__proto__` is just a name. */
  private readonly files: ReadonlyMap<string, string>;

  constructor(files: Readonly<Record<string, string>>) {
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
    const user = () => (includer.builtin ? undefined : (this.userFile(sibling) ?? this.userFile(name)));
    const builtin = () => this.builtinFile(name);
    return angled ? (builtin() ?? user()) : (user() ?? builtin());
  }

  private builtinFile(name: string): SourceFile | undefined {
    return builtinFile(name);
  }
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
function builtinFile(name: string): SourceFile | undefined {
  let file = builtinFiles.get(name);
  if (!file) {
    if (!Object.hasOwn(builtinHeaders, name)) return undefined;
    const text = builtinHeaders[name];
    file = new SourceFile(name, text, true);
    builtinFiles.set(name, file);
  }
  return file;
}
