import { z } from "zod";
import { MAX_CPUS } from "../runtime/limits";

export { MAX_CPUS };

const hexBytes = z
  .string()
  .regex(/^([0-9a-f]{2})*$/, 'must be lowercase hex of whole bytes, e.g. "01000000"');

const explicitPacket = z.object({
  cpu: z.number().int().min(0),
  bytes: hexBytes.min(2, "must hold at least one byte"),
});

const packetGenerator = z.object({
  count: z.number().int().min(0).max(10_000_000),
  cpu: z.enum(["round-robin", "random", "flow"]).default("round-robin"),
  seed: z.number().int().default(1),
  template: z.enum(["ipv4-udp", "ipv4-tcp", "ipv6-udp"]).default("ipv4-udp"),
  size: z.number().int().min(14).max(9000).optional(),
});

const controlAction = z
  .object({
    beforePacket: z.number().int().min(0),
    op: z.enum(["update", "delete"]),
    map: z.string().min(1),
    key: hexBytes,
    program: z.string().min(1).optional(),
    innerMap: z.string().min(1).optional(),
    value: hexBytes.optional(),
  })
  .refine(
    (a) => a.op === "delete" || a.program !== undefined || a.innerMap !== undefined || a.value !== undefined,
    {
      message: 'an update needs "program" (prog arrays), "innerMap" (maps of maps) or "value" (data maps)',
      path: ["value"],
    },
  );

const schedule = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("sequential") }),
  z.object({ mode: z.literal("interleaved"), seed: z.number().int().default(1) }),
]);

const logpoint = z.object({
  file: z.string().min(1),
  line: z.number().int().min(1),
  format: z.string(),
  args: z.array(z.string()).max(12, "bpf_printk takes at most 12 arguments").default([]),
});

/** The scenario file of contract.md §1: everything needed to replay a demo. */
export const scenarioSchema = z
  .object({
    title: z.string().optional(),
    files: z
      .record(z.string().min(1), z.string())
      .refine(
        (files) => Object.keys(files).some((name) => name.endsWith(".c")),
        "must contain at least one .c file",
      ),
    main: z.string().optional(),
    attach: z.object({ program: z.string().min(1) }).optional(),
    cpus: z.number().int().min(1).max(MAX_CPUS).default(2),
    packets: z
      .union([z.array(explicitPacket), packetGenerator])
      .default({ count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" }),
    control: z.array(controlAction).default([]),
    schedule: schedule.default({ mode: "sequential" }),
    logpoints: z.array(logpoint).optional(),
    /** Folders of `files` searched for includes, in order, as clang's `-I` options. */
    includeDirs: z.array(z.string().min(1)).optional(),
  })
  .superRefine((scenario, ctx) => {
    const cFiles = Object.keys(scenario.files).filter((name) => name.endsWith(".c"));
    if (scenario.main === undefined && cFiles.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["main"],
        message: `is required when there are several .c files (${cFiles.join(", ")})`,
      });
    }
    if (scenario.main !== undefined && !(scenario.main in scenario.files)) {
      ctx.addIssue({
        code: "custom",
        path: ["main"],
        message: `names "${scenario.main}", which is not in "files"`,
      });
    }
    scenario.logpoints?.forEach((point, i) => {
      if (!(point.file in scenario.files))
        ctx.addIssue({
          code: "custom",
          path: ["logpoints", i, "file"],
          message: `names "${point.file}", which is not in "files"`,
        });
    });
    if (Array.isArray(scenario.packets)) {
      scenario.packets.forEach((packet, i) => {
        if (packet.cpu >= scenario.cpus) {
          ctx.addIssue({
            code: "custom",
            path: ["packets", i, "cpu"],
            message: `is ${packet.cpu}, but the scenario has ${scenario.cpus} CPUs`,
          });
        }
      });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;

export type ScenarioResult = { ok: true; scenario: Scenario; main: string } | { ok: false; errors: string[] };

/** Validates parsed JSON as a scenario; each error names the field, e.g. `packets[2].cpu: …`. */
export function parseScenario(value: unknown): ScenarioResult {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`),
    };
  }
  const scenario = result.data;
  const main = scenario.main ?? Object.keys(scenario.files).find((name) => name.endsWith(".c")) ?? "";
  return { ok: true, scenario, main };
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(scenario)";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}
