import type { MeasuredType, ProgramKind, ProgramType } from "../loader/sections";
import { gplOnlyHelpers } from "../source/helper-table";
import { measuredGplOnly, measuredHelperAllowed } from "../target/kind-rules";
import { gplCompatible } from "../target/licenses";
import type { Problem } from "./computed-offsets";

/** Ids from a list of single ids and inclusive [first, last] runs. */
function ids(...runs: (number | readonly [number, number])[]): ReadonlySet<number> {
  const set = new Set<number>();
  for (const run of runs) {
    const [first, last] = typeof run === "number" ? [run, run] : run;
    for (let id = first; id <= last; id++) set.add(id);
  }
  return set;
}

/**
 * Helpers each program type may call (net/core/filter.c `*_func_proto` over
 * kernel/bpf/helpers.c `bpf_base_func_proto`), for a privileged loader. Measured on Linux 6.18
 * by test/conformance/helper-probe.c, which loads a call to every helper id in each type; the
 * conformance run repeats the probe and fails when the kernel's sets differ from these. The
 * build matters for bpf_xdp_adjust_meta (54) in XDP, which Tailscope allows
 * (target/build-dependent.ts). A helper
 * outside its type's set fails the load with `program of this type cannot use helper NAME#ID`.
 */
// biome-ignore format: measured sets, kept one run after another
export const helperAllowLists: Readonly<Record<Exclude<ProgramType, MeasuredType>, ReadonlySet<number>>> = {
  socket_filter: ids(
    [1, 3], [5, 8], 12, [14, 17], 22, [25, 26], 35, 37, 42, [46, 47], 55, 68, 80, [87, 89], [93, 94],
    [105, 106], 109, [112, 115], [117, 118], 120, [122, 123], 125, [130, 134], [136, 141], [148, 149],
    [153, 154], [156, 158], 160, [164, 165], [169, 172], [175, 178], [180, 182], 191, [194, 203], [208, 211],
  ),
  sched_cls: ids(
    [1, 3], [5, 26], [28, 35], [37, 43], [46, 48], 50, 55, 66, [68, 69], [79, 80], [83, 89], [93, 100],
    [105, 110], [112, 115], [117, 118], 120, [122, 125], [130, 141], [148, 149], [151, 158], 160, [163, 165],
    [169, 172], [175, 178], [180, 182], [191, 192], [194, 211],
  ),
  xdp: ids(
    [1, 3], [5, 8], 12, [14, 17], [22, 23], 25, 28, 35, 37, 42, 44, 51, 54, 55, 65, 69, 80, [84, 89],
    [93, 94], [99, 100], [105, 106], [109, 110], [112, 115], [117, 118], 120, 123, 125, [130, 134], [136, 141],
    [148, 149], [153, 154], [156, 158], 160, [163, 165], [169, 172], [175, 178], [180, 182], [188, 191],
    [194, 211],
  ),
  cgroup_skb: ids(
    [1, 3], [5, 8], 12, [14, 17], 22, [25, 26], 35, 37, 42, [46, 47], 55, 68, [79, 81], [83, 89], [93, 99],
    [105, 109], [112, 115], [117, 118], 120, [122, 123], 125, [128, 134], [136, 141], [148, 149], [153, 154],
    [156, 158], 160, [164, 165], [169, 172], [175, 178], [180, 182], 191, [194, 203], [208, 211],
  ),
  kprobe: tracingHelpers(),
  tracepoint: tracingHelpers(),
  raw_tracepoint: tracingHelpers(),
};

/** kprobe, tracepoint and raw_tracepoint programs may call the same helpers (measured alike). */
function tracingHelpers(): ReadonlySet<number> {
  // biome-ignore format: a measured set, one run after another
  return ids(
    [1, 8], 12, [14, 17], 22, 25, 27, 35, 37, 42, 45, 55, 67, 80, [87, 89], [93, 94], [105, 106], 109,
    [112, 115], [117, 118], 120, 123, 125, [130, 134], 141, [148, 149], [153, 154], [156, 158], [164, 165],
    [169, 177], [180, 182], 191, [194, 195], [197, 203], [208, 211],
  );
}

/** The measured types' sets are kind-probe.c's, per attach type (connect4 may call bpf_bind, bind4 not). */
export function helperAllowed(kind: ProgramKind, id: number): boolean {
  if (kind.measured) return measuredHelperAllowed(kind.measured, id);
  return helperAllowLists[kind.type as Exclude<ProgramType, MeasuredType>].has(id);
}

/** Whether a program of `type` with this license may call helper `id` at all, in the kernel's words. */
export function helperCallProblem(
  kind: ProgramKind,
  id: number,
  name: string,
  license: string | null,
): Problem | null {
  const type = kind.type;
  if (!helperAllowed(kind, id))
    return {
      message: `program of this type cannot use helper ${name}#${id}`,
      explanation: `The kernel gives ${type} programs their own set of helpers, and ${name} is not among them.`,
    };
  const gplOnly = kind.measured ? measuredGplOnly(kind.measured, id) : gplOnlyHelpers.has(id);
  if (gplOnly && !gplCompatible(license))
    return {
      message: "cannot call GPL-restricted function from non-GPL compatible program",
      explanation: `${name} is for GPL-compatible programs only: the program's LICENSE section says "${license ?? "(none)"}". Declare a GPL-compatible license such as "GPL" or "Dual BSD/GPL".`,
    };
  return null;
}
