/**
 * Helpers whose availability differs between the builds of Linux 6.18.44 this project has been
 * measured on: build v1272 lets XDP programs (plain, devmap and cpumap) call
 * bpf_xdp_adjust_meta (54), build v1300 refuses it with "program of this type cannot use
 * helper". Tailscope allows it, so that it never refuses what a kernel loads; the conformance
 * probes accept either answer for these ids.
 */
const buildDependent: Readonly<Record<string, ReadonlySet<number>>> = {
  xdp: new Set([54]),
};

/** The build-dependent helper ids of a program type (`xdp`) or measured kind (`xdp/devmap`). */
export function buildDependentHelpers(typeOrKind: string): ReadonlySet<number> {
  return buildDependent[typeOrKind.split("/")[0]] ?? new Set();
}
