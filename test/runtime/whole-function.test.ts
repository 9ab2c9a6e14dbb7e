// A run nothing observes goes function by function through generated whole functions
// (codegen/whole-function.ts); a recording hears of every statement and goes through the
// dispatch loop. Both must give the same report, for every conformance case.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, parseScenario, type RunRequest, Session } from "../../src/engine";
import { Machine } from "../../src/engine/runtime/machine";
import { caseRequest, caseScenario, caseSources, casesDir } from "../conformance/sources";

const cases = readdirSync(casesDir).filter((name) => existsSync(join(casesDir, name, "scenario.json")));

function requestOf(name: string): RunRequest | null {
  const files = caseSources(name);
  const parsed = parseScenario({ ...caseScenario(name), files });
  return parsed.ok ? caseRequest(files, parsed) : null;
}

describe("whole functions and the dispatch loop", () => {
  it("are both there: the seed's programs have whole functions", () => {
    const request = requestOf("seed-chain");
    if (!request) throw new Error("no case to compile");
    const { program, object } = compile(request);
    if (!program || !object) throw new Error("the case does not compile");
    const machine = new Machine(program, object, { cpus: 1 });
    for (const fn of machine.programs.values()) expect(fn.whole).not.toBeNull();
  });

  it("stop a packet at the runaway limit at the same statement, with the same fault", () => {
    const source = `#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
static long step(__u64 index, void *ctx) { return 0; }
SEC("cgroup_skb/egress")
int spin(struct __sk_buff *skb)
{
	bpf_loop(1 << 21, step, 0, 0);
	return 1;
}
`;
    const request: RunRequest = {
      files: { "spin.bpf.c": source },
      main: "spin.bpf.c",
      cpus: 1,
      packets: { count: 1, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
    };
    const unobserved = Session.start(request, { record: false });
    const recorded = Session.start(request, { record: true });
    if (!unobserved.ok || !recorded.ok) throw new Error("the program does not run");
    const [packet] = unobserved.session.report.packets;
    // The kernel runs a bpf_loop of up to 8,388,608 calls to its end: the fault says so.
    expect(packet.fault?.message).toBe(
      "the packet ran more than 1,000,000 statements; Tailscope stops a packet there, but the kernel would go on: bpf_loop bounds its callback's calls itself (up to 8,388,608 calls)",
    );
    expect(packet.steps).toBe(1_000_001);
    expect(recorded.session.report).toEqual(unobserved.session.report);
  });

  it.each(cases)("%s: a recorded run reports what a run nothing observes does", (name) => {
    const request = requestOf(name);
    if (!request) return;
    const unobserved = Session.start(request, { record: false });
    const recorded = Session.start(request, { record: true });
    expect(recorded.ok).toBe(unobserved.ok);
    if (!recorded.ok || !unobserved.ok) return;
    expect(recorded.session.report).toEqual(unobserved.session.report);
  });
});
