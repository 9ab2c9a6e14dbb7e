// Inputs someone will type or share sooner or later: the lessons' sources, edited at random;
// scenarios with any value in any field; share links cut, padded or made up.
import fc from "fast-check";
import { lessons } from "../../src/lessons";

/** Fragments that break C in interesting ways, inserted at random places. */
const fragments = [
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  ";",
  ",",
  "*",
  "&",
  "->",
  ".",
  "#",
  "##",
  "\\\n",
  "\n",
  "/*",
  "*/",
  "//",
  '"',
  "'",
  "'\\",
  "0x",
  "1e9",
  "0xffffffffffffffffff",
  "-2147483648",
  "4294967296",
  "...",
  "sizeof",
  "typeof(",
  "__attribute__((",
  "static ",
  "volatile ",
  "struct ",
  "union ",
  "enum ",
  "int *",
  "u64 ",
  "void *",
  "return ",
  "goto l;",
  "l:",
  "case 1:",
  "default:",
  "break;",
  "continue;",
  "while (1) ",
  "for (;;) ",
  "if (",
  "else ",
  "#define A A A\n",
  "#define F(x) F(x) x\n",
  "#if 1\n",
  "#endif\n",
  '#include "x.h"\n',
  '#include "constructor"\n',
  'SEC("xdp") ',
  'SEC("tc") ',
  "bpf_tail_call(",
  "bpf_map_lookup_elem(",
  'bpf_printk("%s %d %pI4", ',
  "bpf_loop(",
  "__builtin_memcpy(",
  "({",
  "})",
  "= {",
  ".a =",
  "[3] =",
  "[1 << 20]",
  "[0]",
  "-1",
  "~0",
  "<< 64",
  ">> 63",
  "/ 0",
  "% 0",
];

/** One lesson's main source. */
const lessonSource = fc.constantFrom(...lessons.map((l) => ({ id: l.id, files: l.files, main: l.main })));

type Edit =
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "repeat"; readonly at: number; readonly length: number; readonly times: number }
  | { readonly kind: "cut"; readonly at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({
    kind: fc.constant("repeat" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 80 }),
    times: fc.integer({ min: 2, max: 4 }),
  }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
);

function apply(text: string, change: Edit): string {
  const at = change.at % (text.length + 1);
  switch (change.kind) {
    case "insert":
      return text.slice(0, at) + change.text + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + change.length);
    case "repeat":
      return text.slice(0, at) + text.slice(at, at + change.length).repeat(change.times) + text.slice(at);
    case "cut":
      return text.slice(0, at);
  }
}

/** A lesson with its main file edited one to six times. */
export const mutatedLesson = fc
  .tuple(lessonSource, fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([lesson, edits]) => {
    const text = edits.reduce(apply, lesson.files[lesson.main]);
    return { id: lesson.id, main: lesson.main, files: { ...lesson.files, [lesson.main]: text } };
  });

const hex = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((bytes) => Buffer.from(bytes).toString("hex"));

/** Any JSON value, now and then where a scenario expects something else. */
const anything = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.array(fc.nat()),
);

/** Mostly `valid`, now and then something else: most inputs get past validation to a run. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown> = anything) =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: other, weight: 1 });

/** A frame: a generated one's first bytes kept (Ethernet, an IP header) and the rest random, or any bytes. */
const frame = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        "0200000000020200000000010800",
        "02000000000202000000000186dd",
        "ffffffffffff0000000000010806",
      ),
      hex(0, 90),
    )
    .map(([head, rest]) => head + rest),
  hex(0, 40),
);

const packets = fc.oneof(
  fc.array(
    fc.record({ cpu: mostly(fc.integer({ min: 0, max: 1 }), fc.integer({ min: -1, max: 5 })), bytes: frame }),
    {
      maxLength: 6,
    },
  ),
  fc.record({
    count: mostly(fc.integer({ min: 0, max: 12 }), fc.integer({ min: -1, max: 20 })),
    cpu: mostly(fc.constantFrom("round-robin", "random", "flow"), fc.constant("sideways")),
    seed: fc.integer(),
    template: mostly(fc.constantFrom("ipv4-udp", "ipv4-tcp", "ipv6-udp"), fc.constant("ipx")),
    size: fc.option(fc.integer({ min: 14, max: 200 }), { nil: undefined }),
  }),
  anything,
);

const mapNames = [
  ...new Set(
    lessons.flatMap(
      (l) =>
        Object.values(l.files)
          .join("\n")
          .match(/}\s*(\w+)\s+SEC\("\.maps"\)/g) ?? [],
    ),
  ),
].map((m) => m.replace(/}\s*/, "").replace(/\s+SEC.*/, ""));

const control = fc.array(
  fc.record({
    beforePacket: mostly(fc.integer({ min: 0, max: 8 }), fc.integer({ min: -1, max: 8 })),
    op: mostly(fc.constantFrom("update", "delete"), fc.constant("insert")),
    map: mostly(fc.constantFrom(...mapNames), fc.oneof(fc.constantFrom("nope", "__proto__"), fc.string())),
    key: mostly(fc.constantFrom("00000000", "01000000", "03000000", "0000000000000000"), hex(0, 9)),
    program: fc.option(fc.constantFrom("egress2", "egress3", "count_hops", "nope"), { nil: undefined }),
    value: fc.option(hex(0, 40), { nil: undefined }),
  }),
  { maxLength: 4 },
);

/** A lesson's scenario with any of its fields replaced by something else. */
export const mutatedScenario = fc
  .record({
    lesson: fc.constantFrom(...lessons),
    cpus: mostly(fc.integer({ min: 2, max: 8 }), fc.oneof(fc.integer({ min: -2, max: 70 }), anything)),
    packets,
    control: mostly(control),
    schedule: mostly(
      fc.oneof(
        fc.constant({ mode: "sequential" }),
        fc.record({ mode: fc.constant("interleaved"), seed: fc.integer() }),
      ),
    ),
    attach: mostly(fc.constant(undefined), fc.oneof(fc.record({ program: fc.string() }), anything)),
    main: mostly(fc.constant(undefined), fc.oneof(fc.string(), fc.constant("__proto__"))),
    extraFile: fc.option(
      fc.tuple(fc.constantFrom("toString", "constructor", "x.h", "../x.h", ""), fc.string()),
      {
        nil: undefined,
        freq: 8,
      },
    ),
  })
  .map(({ lesson, extraFile, ...fields }) => {
    const files: Record<string, string> = { ...lesson.files };
    if (extraFile) files[extraFile[0]] = extraFile[1];
    return {
      files,
      ...fields,
      main: fields.main ?? lesson.main,
      attach: fields.attach ?? lesson.settings.attach,
    } as Record<string, unknown>;
  });

/** A share fragment: made up, or a real one cut, padded or with characters changed. */
export const fragment = (real: string) =>
  fc.oneof(
    fc.string({ maxLength: 200 }).map((s) => `#s=${s}`),
    fc.nat({ max: real.length }).map((at) => real.slice(0, at)),
    fc
      .tuple(fc.nat({ max: real.length }), fc.string({ minLength: 1, maxLength: 4 }))
      .map(([at, s]) => real.slice(0, at) + s + real.slice(at + s.length)),
    fc.string({ maxLength: 300 }),
  );
