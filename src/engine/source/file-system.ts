import { builtinHeaders } from "./headers";
import { SourceFile } from "./source-file";

/**
 * The scenario's files plus Tailscope's built-in headers. `#include "x.h"` looks beside the
 * including file first, then in the scenario, then in the built-in headers; `#include <x.h>`
 * looks in the built-in headers, then in the scenario (as `-I.` would).
 */
export class VirtualFileSystem {
  private readonly cache = new Map<string, SourceFile>();

  constructor(private readonly files: Readonly<Record<string, string>>) {}

  userFile(name: string): SourceFile | undefined {
    const text = this.files[name];
    if (text === undefined) return undefined;
    return this.cached(name, text, false);
  }

  resolveInclude(name: string, angled: boolean, includer: SourceFile): SourceFile | undefined {
    const sibling = joinPath(directoryOf(includer.name), name);
    const user = () => (includer.builtin ? undefined : (this.userFile(sibling) ?? this.userFile(name)));
    const builtin = () => this.builtinFile(name);
    return angled ? (builtin() ?? user()) : (user() ?? builtin());
  }

  private builtinFile(name: string): SourceFile | undefined {
    const text = builtinHeaders[name];
    if (text === undefined) return undefined;
    return this.cached(`<${name}>`, text, true);
  }

  private cached(key: string, text: string, builtin: boolean): SourceFile {
    let file = this.cache.get(key);
    if (!file) {
      file = new SourceFile(builtin ? key.slice(1, -1) : key, text, builtin);
      this.cache.set(key, file);
    }
    return file;
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
