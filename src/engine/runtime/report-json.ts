/**
 * A run report as the contract's JSON has it (`run --json`, the app's download): each packet
 * with its index, which the report in memory keeps as the packet's place in the list.
 */
export function reportJson(report: RunReport): unknown {
  return {
    ...report,
    packets: report.packets.map((packet, index) => ({ index, ...packet })),
  };
}

import type { RunReport } from "./report";
