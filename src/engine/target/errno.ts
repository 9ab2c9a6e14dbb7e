/** Linux errno values the map helpers and syscalls return (include/uapi/asm-generic/errno-base.h). */
export const ENOENT = 2;
export const E2BIG = 7;
export const EACCES = 13;
export const EFAULT = 14;
export const EEXIST = 17;
export const EINVAL = 22;
export const ENOSPC = 28;
export const EOPNOTSUPP = 95;
/** The kernel-internal "operation not supported" (include/linux/errno.h), which bpf() can return. */
export const ENOTSUPP = 524;

const names: Readonly<Record<number, string>> = {
  2: "ENOENT",
  7: "E2BIG",
  13: "EACCES",
  14: "EFAULT",
  17: "EEXIST",
  22: "EINVAL",
  28: "ENOSPC",
  95: "EOPNOTSUPP",
  524: "ENOTSUPP",
};

/** `-7` → `-E2BIG`, as libbpf ≥ 1.6 prints errors. */
export function errnoName(code: number): string {
  if (code >= 0) return String(code);
  return names[-code] ? `-${names[-code]}` : String(code);
}
