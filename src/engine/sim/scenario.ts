import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { MAX_CPUS } from "../runtime/limits";

export { MAX_CPUS };

// zod's small build (the schema is parsed in the app's main thread too, so its size counts
// twice), with the English messages the full build has by default.
z.config(en());

const hexBytes = z
  .string()
  .check(z.regex(/^([0-9a-f]{2})*$/, 'must be lowercase hex of whole bytes, e.g. "01000000"'));

/** An integer from `min` (and up to `max`). */
const integer = (min?: number, max?: number) =>
  z
    .int()
    .check(...(min === undefined ? [] : [z.minimum(min)]), ...(max === undefined ? [] : [z.maximum(max)]));

const explicitPacket = z.object({
  cpu: integer(0),
  bytes: hexBytes.check(z.minLength(2, "must hold at least one byte")),
});

const packetGenerator = z.object({
  count: integer(0, 10_000_000),
  cpu: z._default(z.enum(["round-robin", "random", "flow"]), "round-robin"),
  seed: z._default(integer(), 1),
  template: z._default(z.enum(["ipv4-udp", "ipv4-tcp", "ipv6-udp"]), "ipv4-udp"),
  size: z.optional(integer(14, 9000)),
});

const name = () => z.string().check(z.minLength(1));

const controlAction = z
  .object({
    beforePacket: integer(0),
    op: z.enum(["update", "delete"]),
    map: name(),
    key: hexBytes,
    program: z.optional(name()),
    innerMap: z.optional(name()),
    value: z.optional(hexBytes),
  })
  .check(
    z.refine(
      (a) =>
        a.op === "delete" || a.program !== undefined || a.innerMap !== undefined || a.value !== undefined,
      {
        message: 'an update needs "program" (prog arrays), "innerMap" (maps of maps) or "value" (data maps)',
        path: ["value"],
      },
    ),
  );

const schedule = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("sequential") }),
  z.object({ mode: z.literal("interleaved"), seed: z._default(integer(), 1) }),
]);

const logpoint = z.object({
  file: name(),
  line: integer(1),
  format: z.string(),
  args: z._default(z.array(z.string()).check(z.maxLength(12, "bpf_printk takes at most 12 arguments")), []),
});

/** The scenario file of contract.md §1: everything needed to replay a demo. */
export const scenarioSchema = z
  .object({
    title: z.optional(z.string()),
    files: z
      .record(name(), z.string())
      .check(
        z.refine(
          (files) => Object.keys(files).some((file) => file.endsWith(".c")),
          "must contain at least one .c file",
        ),
      ),
    main: z.optional(z.string()),
    attach: z.optional(z.object({ program: name() })),
    cpus: z._default(integer(1, MAX_CPUS), 2),
    packets: z._default(z.union([z.array(explicitPacket), packetGenerator]), {
      count: 4,
      cpu: "round-robin",
      seed: 1,
      template: "ipv4-udp",
    }),
    control: z._default(z.array(controlAction), []),
    schedule: z._default(schedule, { mode: "sequential" }),
    logpoints: z.optional(z.array(logpoint)),
    /** Folders of `files` searched for includes, in order, as clang's `-I` options. */
    includeDirs: z.optional(z.array(name())),
  })
  .check(
    z.superRefine((scenario, ctx) => {
      const cFiles = Object.keys(scenario.files).filter((file) => file.endsWith(".c"));
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
    }),
  );

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
