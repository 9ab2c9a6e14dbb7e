import type { LoadedObject } from "../loader/object";
import { fromHex } from "../target/bytes";
import { errnoName } from "../target/errno";
import { BPF_ANY } from "../target/kernel";
import type { Machine } from "./machine";
import type { MapSpec } from "./maps/map";
import { keyIndex } from "./maps/map";
import { MapOfMaps } from "./maps/map-of-maps";
import { ProgArrayMap } from "./maps/prog-array";
import type { ControlAction, ControlError } from "./report";

/**
 * What `bpftool map update` / `delete` refuses before it calls the kernel, in its words: a map
 * that is not there, a key or value of the wrong size, a program for a data map or bytes for a
 * prog array. Null when bpftool would make the call.
 */
export function controlProblem(
  maps: ReadonlyMap<string, { readonly spec: MapSpec; readonly perCpu: boolean }>,
  programs: ReadonlySet<string>,
  cpus: number,
  action: ControlAction,
): string | null {
  const map = maps.get(action.map);
  if (!map) return `no map named '${action.map}' (maps: ${[...maps.keys()].join(", ") || "none"})`;
  const { keySize, valueSize, typeName } = map.spec;
  const keyBytes = action.key.length / 2;
  if (keyBytes !== keySize) return `key expected ${keySize} bytes got ${keyBytes}`;
  if (action.op === "delete") return null;
  if (typeName === "prog_array") {
    if (action.program === undefined)
      return 'a prog array\'s value is a program: give "program", not "value"';
    return programs.has(action.program) ? null : `no program named '${action.program}'`;
  }
  if (map.spec.inner) {
    if (action.innerMap === undefined) return 'a map of maps\' value is a map: give "innerMap", not "value"';
    const inner = maps.get(action.innerMap);
    return inner ? null : `no map named '${action.innerMap}'`;
  }
  if (action.innerMap !== undefined) return `map '${action.map}' does not hold maps: give "value"`;
  if (action.program !== undefined) return `map '${action.map}' holds data, not programs: give \"value\"`;
  const valueBytes = (action.value ?? "").length / 2;
  // A per-CPU map takes one value for every CPU, or one that goes to all of them.
  const perCpuBytes = Math.ceil(valueSize / 8) * 8 * cpus;
  if (valueBytes !== valueSize && !(map.perCpu && valueBytes === perCpuBytes))
    return `value expected ${map.perCpu ? `${valueSize} (or ${perCpuBytes}, one per CPU)` : valueSize} bytes got ${valueBytes}`;
  return null;
}

/** Per-CPU map types (a value per CPU). */
const perCpuTypes = new Set(["percpu_array", "percpu_hash", "lru_percpu_hash"]);

/**
 * Every action of a scenario that bpftool would refuse against this object, with its place in the
 * list: what `check` reports and the app shows beside the action, before anything runs.
 */
export function controlProblems(
  object: LoadedObject,
  actions: readonly ControlAction[],
  cpus: number,
): { readonly action: number; readonly error: string }[] {
  const maps = new Map(
    object.maps.map((m) => [m.name, { spec: m as MapSpec, perCpu: perCpuTypes.has(m.typeName) }]),
  );
  const programs = new Set(object.programs.map((p) => p.name));
  return actions.flatMap((action, i) => {
    const error = controlProblem(maps, programs, cpus, action);
    return error ? [{ action: i, error }] : [];
  });
}

/** A control-plane update or delete, as `bpftool` and `bpf(BPF_MAP_UPDATE_ELEM / DELETE_ELEM)` do it. */
export function applyControl(machine: Machine, action: ControlAction): string | null {
  const refused = controlProblem(machine.maps, new Set(machine.definitions.keys()), machine.cpus, action);
  if (refused) return refused;
  const map = machine.maps.get(action.map);
  if (!map) return `no map named '${action.map}'`;
  const key = fromHex(action.key);
  let result: number;
  if (map instanceof ProgArrayMap) {
    if (action.op === "delete") result = map.clearSlot(keyIndex(key));
    else {
      const definition = action.program ? machine.definitions.get(action.program) : undefined;
      if (!definition) return `no program named '${action.program ?? ""}'`;
      result = map.setSlot(keyIndex(key), definition.name, definition.kind, BPF_ANY);
    }
  } else if (map instanceof MapOfMaps && action.op === "update") {
    const inner = machine.mapHandlesByName.get(action.innerMap ?? "");
    if (!inner) return `no map named '${action.innerMap ?? ""}'`;
    result = map.setInner(key, inner, BPF_ANY);
  } else if (action.op === "delete") result = map.userDelete(key);
  else result = map.userUpdate(key, fromHex(action.value ?? ""), BPF_ANY);
  return result === 0 ? null : errnoName(result);
}

/**
 * The scenario's control-plane actions, applied between packets as `bpftool map update` would
 * be, with the errors the kernel would return. Errors are kept in packet order, so a scheduler
 * going back to an earlier packet (time travel) drops the ones not applied yet.
 */
export class ControlPlane {
  readonly errors: ControlError[] = [];
  private readonly byPacket = new Map<number, { action: ControlAction; position: number }[]>();

  constructor(
    private readonly machine: Machine,
    actions: readonly ControlAction[] = [],
  ) {
    actions.forEach((action, position) => {
      const list = this.byPacket.get(action.beforePacket);
      if (list) list.push({ action, position });
      else this.byPacket.set(action.beforePacket, [{ action, position }]);
    });
  }

  /** Applies the actions due before packet `index`. */
  beforePacket(index: number): void {
    // Most scenarios have no control plane: no map lookup for every packet then.
    if (this.byPacket.size === 0) return;
    const actions = this.byPacket.get(index);
    if (!actions) return;
    for (const { action, position } of actions) {
      const error = applyControl(this.machine, action);
      if (error) this.errors.push({ beforePacket: index, map: action.map, error, action: position });
    }
  }

  /** Forgets errors of actions due at or after packet `index` (they will be applied again). */
  rewindTo(index: number): void {
    while (this.errors.length > 0 && (this.errors.at(-1)?.beforePacket ?? 0) >= index) this.errors.pop();
  }
}
