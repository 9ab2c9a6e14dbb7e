import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** clang with the BPF target, and a vmlinux.h dumped from this kernel's BTF by bpftool. */
export const hasClang = runs("clang", ["--version"]);
const hasKernelBtf = existsSync("/sys/kernel/btf/vmlinux") && runs("bpftool", ["version"]);
export const canUseRealHeaders = hasClang && hasKernelBtf;

let headerDir: string | null = null;

/** A folder holding this kernel's vmlinux.h, for `clang -I` (libbpf-dev provides <bpf/*.h>). */
export function realHeaderDir(): string {
  if (headerDir) return headerDir;
  const dir = mkdtempSync(join(tmpdir(), "tailscope-vmlinux-"));
  const vmlinux = execFileSync("bpftool", ["btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "c"], {
    maxBuffer: 256 * 1024 * 1024,
  });
  writeFileSync(join(dir, "vmlinux.h"), vmlinux);
  headerDir = dir;
  return dir;
}

/** Runs clang's -verify mode on a file; returns clang's complaints (empty when the annotations hold). */
export function clangVerify(path: string): string {
  try {
    execFileSync(
      "clang",
      ["-target", "bpf", "-O2", "-fsyntax-only", `-I${realHeaderDir()}`, "-Xclang", "-verify", path],
      {
        stdio: "pipe",
      },
    );
    return "";
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    return e.stderr?.toString() || e.message;
  }
}

/** The errors clang reports at places in a file, compiling it for BPF to an object (the backend runs). */
export function clangCompileErrors(path: string): string[] {
  try {
    execFileSync(
      "clang",
      [
        "-target",
        "bpf",
        "-O2",
        "-g",
        "-c",
        `-I${realHeaderDir()}`,
        path,
        "-o",
        join(tmpdir(), "tailscope-check.o"),
      ],
      { stdio: "pipe" },
    );
    return [];
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    // Errors at a place in the source; not the crash summary clang adds after a backend failure.
    return stderr.split("\n").filter((line) => /:\d+:\d+: error: /.test(line));
  }
}

/** Where Debian keeps <asm/types.h>, which the uapi headers include. */
const multiarchDir = (): string => `/usr/include/${execFileSync("gcc", ["-dumpmachine"]).toString().trim()}`;

/**
 * Whether clang accepts a file for the BPF target (-fsyntax-only), with these -I folders ahead of
 * the installed headers, as a project's Makefile would pass them.
 */
export function clangAccepts(path: string, includeDirs: readonly string[]): boolean {
  try {
    execFileSync(
      "clang",
      [
        "-target",
        "bpf",
        "-O2",
        "-fsyntax-only",
        ...includeDirs.map((dir) => `-I${dir}`),
        `-I${multiarchDir()}`,
        path,
      ],
      { stdio: "pipe" },
    );
    return true;
  } catch {
    return false;
  }
}
