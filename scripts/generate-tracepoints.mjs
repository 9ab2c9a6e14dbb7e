// Writes src/engine/target/btf-targets.json from this machine's kernel BTF: the arguments of every
// BTF tracepoint (the `btf_trace_<name>` prototypes tp_btf programs attach through) and the
// context of every BPF iterator (`struct bpf_iter__<target>`), which the verifier types from
// BTF, and the members of every struct_ops type (what a struct_ops program implementing one
// gets). Each argument or field is "s<bytes>" for a number, "p" for a pointer, or "p:<struct>"
// for a pointer to a struct or union. Run it when the modelled kernel changes:
//   node scripts/generate-tracepoints.mjs [raw dump of `bpftool btf dump file /sys/kernel/btf/vmlinux`]
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const dump =
  process.argv[2] !== undefined
    ? readFileSync(process.argv[2], "utf8")
    : execFileSync("bpftool", ["btf", "dump", "file", "/sys/kernel/btf/vmlinux"], {
        encoding: "utf8",
        maxBuffer: 512 << 20,
      });

/** Every type by id: its kind, name, the type it refers to, its size, and its members. */
const types = new Map();
let current = null;
for (const line of dump.split("\n")) {
  const head = /^\[(\d+)\] (\w+) '([^']*)'(.*)$/.exec(line);
  if (head) {
    const [, id, kind, name, rest] = head;
    const field = (key) => {
      const match = new RegExp(`\\b${key}=(\\d+)`).exec(rest);
      return match ? Number(match[1]) : null;
    };
    current = { kind, name, ref: field("type_id") ?? field("ret_type_id"), size: field("size"), members: [] };
    types.set(Number(id), current);
    continue;
  }
  const member = /^\s+'([^']*)' type_id=(\d+)(?: bits_offset=(\d+))?/.exec(line);
  if (member && current)
    current.members.push({ name: member[1], type: Number(member[2]), bits: Number(member[3] ?? 0) });
}

const TRANSPARENT = new Set(["TYPEDEF", "CONST", "VOLATILE", "RESTRICT", "TYPE_TAG"]);

function resolve(id) {
  let type = types.get(id);
  while (type && TRANSPARENT.has(type.kind)) type = types.get(type.ref);
  return type;
}

/** An argument or field as the verifier sees it: a number of some size, or a pointer. */
function describe(id) {
  const type = resolve(id);
  if (!type) return "s8";
  if (type.kind === "PTR") {
    const to = resolve(type.ref);
    return to && (to.kind === "STRUCT" || to.kind === "UNION") && to.name !== "(anon)" ? `p:${to.name}` : "p";
  }
  return `s${type.size ?? 8}`;
}

const tracepoints = {};
const iterators = {};
for (const type of types.values()) {
  if (type.kind === "TYPEDEF" && type.name.startsWith("btf_trace_")) {
    const proto = resolve(resolve(type.ref)?.kind === "PTR" ? resolve(type.ref).ref : type.ref);
    if (proto?.kind !== "FUNC_PROTO") continue;
    // The first parameter is the tracepoint's own data pointer, not an argument.
    tracepoints[type.name.slice("btf_trace_".length)] = proto.members.slice(1).map((m) => describe(m.type));
  }
  if (type.kind === "STRUCT" && type.name.startsWith("bpf_iter__"))
    iterators[type.name.slice("bpf_iter__".length)] = type.members.map((member) => {
      // Each field is a pointer in an anonymous union (__bpf_md_ptr): the union's member names it.
      const union = resolve(member.type);
      const inner = union?.kind === "UNION" && union.name === "(anon)" ? union.members[0] : member;
      return [inner.name, member.bits / 8, describe(inner.type)];
    });
}

// The struct_ops types this kernel registers (each has its `bpf_struct_ops_<name>` value type):
// per function-pointer member, its arguments and whether it returns a value. bpf_dummy_ops is
// the kernel's own test type, whose arguments' nullability lives outside BTF; it is left out.
const structOps = {};
const registered = new Set(
  [...types.values()]
    .filter((type) => type.kind === "STRUCT" && type.name.startsWith("bpf_struct_ops_"))
    .map((type) => type.name.slice("bpf_struct_ops_".length)),
);
for (const type of types.values()) {
  if (type.kind !== "STRUCT" || !registered.has(type.name) || type.name === "bpf_dummy_ops") continue;
  const members = [];
  for (const member of type.members) {
    const pointer = resolve(member.type);
    const proto = pointer?.kind === "PTR" ? resolve(pointer.ref) : null;
    if (proto?.kind !== "FUNC_PROTO") continue;
    const returns = proto.ref !== 0 && resolve(proto.ref) !== undefined;
    members.push([member.name, proto.members.map((m) => describe(m.type)), returns]);
  }
  structOps[type.name] = members;
}

const count = Object.keys(tracepoints).length;
if (count < 500) throw new Error(`only ${count} BTF tracepoints found`);
const lines = (table) =>
  Object.entries(table)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`)
    .join(",\n");
writeFileSync(
  new URL("../src/engine/target/btf-targets.json", import.meta.url),
  `{"tracepoints": {\n${lines(tracepoints)}\n},\n"iterators": {\n${lines(iterators)}\n},\n"structOps": {\n${lines(structOps)}\n}}\n`,
);
console.log(
  `${count} tracepoints, ${Object.keys(iterators).length} iterators, ${Object.keys(structOps).length} struct_ops types`,
);
