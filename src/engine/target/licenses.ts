/**
 * Licenses the kernel counts as GPL-compatible (include/linux/license.h
 * license_is_gpl_compatible): only these may call gpl_only helpers such as bpf_trace_printk,
 * or be struct_ops programs at all.
 */
const gplLicenses = new Set([
  "GPL",
  "GPL v2",
  "GPL and additional rights",
  "Dual BSD/GPL",
  "Dual MIT/GPL",
  "Dual MPL/GPL",
]);

export function gplCompatible(license: string | null): boolean {
  return license !== null && gplLicenses.has(license);
}
