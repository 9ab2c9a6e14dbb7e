// The real kernel's side of the conformance suite and of the runtime benchmark: build the
// libbpf harness, compile a program with clang for the BPF target, run packets through
// BPF_PROG_TEST_RUN pinned to their CPUs, and time a packet with `repeat`.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Packet, toHex } from "../../src/engine";
import { errnoName } from "../../src/engine/target/errno";

const root = join(import.meta.dirname, "../..");
const work = join(root, ".conformance");

export interface KernelRun {
  loadError?: number | "clang";
  /** libbpf's warnings when the load failed, the verifier's log among them, one line each. */
  loadLog?: string[];
  packets: {
    cpu: number;
    error: number;
    retval: number;
    printk: string[];
    /** Records the program sent to a ring buffer or perf buffer, read after the packet. */
    output?: { map: string; data: string }[];
    /** The packet as BPF_PROG_TEST_RUN's data_out gave it, when a program changed it. */
    packetOut?: string;
  }[];
  maps: Record<
    string,
    {
      type: number;
      /** Array elements left out of a recorded run because they hold only zeros. */
      zeros?: number;
      entries: (
        | { key: string; value: string }
        | { key: string; values: string[] }
        | { key: string; program: string }
        | { key: string; map: string }
      )[];
    }
  >;
  globals: Record<string, string>;
  /** Globals too large to record as hex: their size and runs of bytes that are not zero. */
  largeGlobals?: Record<string, { size: number; nonZero: { offset: number; bytes: string }[] }>;
  /** Control-plane actions the kernel refused, with the errno's name. */
  controlErrors?: { beforePacket: number; map: string; error: string }[];
}

export function missingPrerequisite(): string | null {
  if (process.getuid?.() !== 0) return "not root: loading BPF programs needs CAP_BPF";
  for (const [tool, args] of [
    ["clang", ["--version"]],
    ["bpftool", ["version"]],
    ["gcc", ["--version"]],
  ] as const) {
    if (spawnSync(tool, [...args]).status !== 0) return `${tool} is not installed`;
  }
  if (!existsSync("/usr/include/bpf/libbpf.h")) return "libbpf-dev is not installed";
  if (!existsSync("/sys/kernel/btf/vmlinux")) return "the kernel has no BTF (/sys/kernel/btf/vmlinux)";
  if (!existsSync("/sys/kernel/tracing/trace"))
    spawnSync("mount", ["-t", "tracefs", "nodev", "/sys/kernel/tracing"]);
  if (!existsSync("/sys/kernel/tracing/instances")) return "tracefs is not available at /sys/kernel/tracing";
  return null;
}

export function prepare(): void {
  mkdirSync(work, { recursive: true });
  execFileSync("gcc", [
    "-O2",
    "-o",
    join(work, "harness"),
    join(import.meta.dirname, "harness.c"),
    "-lbpf",
    "-lelf",
    "-lz",
  ]);
  const vmlinux = execFileSync("bpftool", ["btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "c"], {
    maxBuffer: 256 << 20,
  });
  writeFileSync(join(work, "vmlinux.h"), vmlinux);
  // The kernel's samples include uapi headers by their place in its tree (<uapi/linux/bpf.h>);
  // in a build against installed headers those are /usr/include's.
  if (!existsSync(join(work, "uapi"))) symlinkSync("/usr/include", join(work, "uapi"));
}

/** Where Debian keeps <asm/types.h>, which the UAPI headers (<linux/ip.h>, …) include. */
const multiarch = spawnSync("gcc", ["-dumpmachine"]).stdout?.toString().trim() ?? "";

export function possibleCpus(): number {
  const text = readFileSync("/sys/devices/system/cpu/possible", "utf8").trim();
  return Math.max(...text.split(",").map((part) => Number(part.split("-").pop()))) + 1;
}

export function runInKernel(
  caseDir: string,
  name: string,
  main: string,
  entry: string,
  packets: Packet[],
  control: readonly {
    beforePacket: number;
    op: string;
    map: string;
    key: string;
    program?: string;
    innerMap?: string;
    value?: string;
  }[],
): KernelRun {
  const object = join(work, `${name}.o`);
  const clang = spawnSync(
    "clang",
    [
      "-O2",
      "-g",
      "-target",
      "bpf",
      // The case's own headers first, as a project's -I. comes before the system's.
      `-I${caseDir}`,
      `-I${work}`,
      `-I/usr/include/${multiarch}`,
      "-c",
      join(caseDir, main),
      "-o",
      object,
    ],
    { stdio: "pipe" },
  );
  // A program clang refuses never reaches the kernel: count it as refused, like a load failure.
  if (clang.status !== 0) return { loadError: "clang", packets: [], maps: {}, globals: {} };
  const commands: string[] = [];
  packets.forEach((packet, index) => {
    for (const action of control.filter((a) => a.beforePacket === index)) {
      if (action.op === "delete") commands.push(`delete ${action.map} ${action.key}`);
      else if (action.innerMap) commands.push(`update-map ${action.map} ${action.key} ${action.innerMap}`);
      else if (action.program) commands.push(`update-prog ${action.map} ${action.key} ${action.program}`);
      else if (action.key === "") commands.push(`push ${action.map} ${action.value}`);
      else commands.push(`update ${action.map} ${action.key} ${action.value}`);
    }
    commands.push(`packet ${packet.cpu} ${toHex(packet.bytes)}`);
  });
  commands.push("dump");
  // The harness's stderr repeats libbpf's warnings, the verifier's whole log among them (a
  // million-instruction walk prints hundreds of megabytes); its JSON keeps what is needed.
  const output = execFileSync(join(work, "harness"), [object, entry], {
    input: `${commands.join("\n")}\n`,
    maxBuffer: 256 << 20,
    stdio: ["pipe", "pipe", "ignore"],
  }).toString();
  const lines = output
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  if (lines[0]?.loadError !== undefined)
    return {
      loadError: lines[0].loadError,
      // The kernel ends the instruction it stopped at with the limit's message, on the same line.
      loadLog: String(lines[0].log ?? "")
        .replace(/ (BPF program is too large\.)/g, "\n$1")
        .split("\n"),
      packets: [],
      maps: {},
      globals: {},
    };
  const last = lines[lines.length - 1];
  // Control results come in the order of the actions; keep the failures, as the report does.
  const results = lines.filter((l) => "control" in l).map((l) => l.control as number);
  const ordered = packets.flatMap((_, index) => control.filter((a) => a.beforePacket === index));
  const controlErrors = ordered.flatMap((action, i) =>
    results[i] ? [{ beforePacket: action.beforePacket, map: action.map, error: errnoName(results[i]) }] : [],
  );
  return {
    packets: lines.filter((l) => "retval" in l),
    maps: last.maps,
    globals: last.globals,
    controlErrors,
  };
}

/** The kernel's mean time per run of `entry` on one frame, in ns (BPF_PROG_TEST_RUN with repeat). */
export function timeInKernel(
  sourceDir: string,
  main: string,
  entry: string,
  frame: Uint8Array,
  repeat: number,
): number {
  const object = join(work, "timed.o");
  execFileSync(
    "clang",
    [
      "-O2",
      "-g",
      "-target",
      "bpf",
      `-I${work}`,
      `-I${sourceDir}`,
      `-I/usr/include/${multiarch}`,
      "-c",
      join(sourceDir, main),
      "-o",
      object,
    ],
    { stdio: "pipe" },
  );
  const output = execFileSync(join(work, "harness"), [object, entry], {
    input: `time 0 ${repeat} ${toHex(frame)}\ndump\n`,
    maxBuffer: 256 << 20,
  }).toString();
  const timing = JSON.parse(output.split("\n")[0]) as { error: number; duration: number };
  if (timing.error !== 0) throw new Error(`BPF_PROG_TEST_RUN failed: ${timing.error}`);
  return timing.duration;
}
