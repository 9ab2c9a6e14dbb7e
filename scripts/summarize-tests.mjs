// Prints one closing line, "N passed, N failed", over every suite that wrote a JSON report
// (unit tests from Vitest, e2e from Playwright, the kernel conformance suite).
import { existsSync, readFileSync } from "node:fs";

const reportDir = "test-reports";

function vitestCounts(path) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests ?? 0,
  };
}

function playwrightCounts(path) {
  const { stats } = JSON.parse(readFileSync(path, "utf8"));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

function conformanceCounts(path) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  return { passed: report.passed, failed: report.failed, skipped: report.skipped ?? 0 };
}

const readers = [
  ["unit.json", vitestCounts],
  ["e2e.json", playwrightCounts],
  ["conformance.json", conformanceCounts],
];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const [file, read] of readers) {
  const path = `${reportDir}/${file}`;
  if (!existsSync(path)) continue;
  const counts = read(path);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
