// Writes src/engine/target/kernel-config.json from this machine's kernel: what libbpf gives a
// program's `extern … __kconfig` variables. The CONFIG_ options are the kernel's build
// configuration (/proc/config.gz, where libbpf reads it); the LINUX_ values are libbpf's own
// answers (the kernel version, whether BPF cookies and syscall wrappers are there), read back
// from the .kconfig map of a probe program that bpftool loads. Needs root and clang:
//   node scripts/generate-kernel-config.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const VIRTUAL = ["LINUX_KERNEL_VERSION", "LINUX_HAS_BPF_COOKIE", "LINUX_HAS_SYSCALL_WRAPPER"];

function configOptions() {
  const text = gunzipSync(readFileSync("/proc/config.gz")).toString("utf8");
  const options = {};
  for (const line of text.split("\n")) {
    const match = /^(CONFIG_\w+)=(.*)$/.exec(line);
    if (match) options[match[1]] = match[2];
  }
  return options;
}

/** libbpf's LINUX_ values: a probe declares them as 8-byte externs and reads them back. */
function virtualValues() {
  const work = mkdtempSync(join(tmpdir(), "tailscope-kconfig-"));
  const source = join(work, "probe.c");
  writeFileSync(
    source,
    `${VIRTUAL.map((name) => `extern unsigned long long ${name} __attribute__((section(".kconfig")));`).join("\n")}
char LICENSE[] __attribute__((section("license"), used)) = "GPL";
__attribute__((section("socket"), used)) int probe(void *ctx) { return ${VIRTUAL.join(" + ")}; }
`,
  );
  const object = join(work, "probe.o");
  execFileSync("clang", ["-O2", "-g", "-target", "bpf", "-c", source, "-o", object]);
  const pins = `/sys/fs/bpf/tailscope-kconfig-${process.pid}`;
  try {
    execFileSync("bpftool", ["prog", "loadall", object, `${pins}-p`, "pinmaps", `${pins}-m`]);
    const dump = JSON.parse(
      execFileSync("bpftool", ["map", "dump", "pinned", `${pins}-m/probe_kconfig`, "-j"], {
        encoding: "utf8",
      }),
    );
    const bytes = Buffer.from(dump[0].value.map((byte) => Number(byte)));
    // libbpf orders externs of one alignment by name.
    const names = [...VIRTUAL].sort();
    return Object.fromEntries(names.map((name, i) => [name, Number(bytes.readBigUInt64LE(8 * i))]));
  } finally {
    rmSync(`${pins}-p`, { recursive: true, force: true });
    rmSync(`${pins}-m`, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

const kernel = execFileSync("uname", ["-r"], { encoding: "utf8" }).trim();
const options = configOptions();
const table = { kernel, virtual: virtualValues(), options };
writeFileSync(
  new URL("../src/engine/target/kernel-config.json", import.meta.url),
  `${JSON.stringify(table, null, 0).replace(/","/g, '",\n"')}\n`,
);
console.log(`${Object.keys(options).length} options of ${kernel}; ${JSON.stringify(table.virtual)}`);
