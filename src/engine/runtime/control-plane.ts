import { fromHex } from "../target/bytes";
import { errnoName } from "../target/errno";
import { BPF_ANY } from "../target/kernel";
import type { Machine } from "./machine";
import { keyIndex } from "./maps/map";
import { ProgArrayMap } from "./maps/prog-array";
import type { ControlAction, ControlError } from "./report";

/** A control-plane update or delete, as `bpf(BPF_MAP_UPDATE_ELEM / DELETE_ELEM)` does it. */
export function applyControl(machine: Machine, action: ControlAction): string | null {
  const map = machine.maps.get(action.map);
  if (!map) return `no map named '${action.map}'`;
  const key = fromHex(action.key);
  let result: number;
  if (map instanceof ProgArrayMap) {
    if (action.op === "delete") result = map.clearSlot(keyIndex(key));
    else {
      const kind = action.program ? machine.definitions.get(action.program)?.kind : undefined;
      if (!action.program || !kind) return `no program named '${action.program ?? ""}'`;
      result = map.setSlot(keyIndex(key), action.program, kind, BPF_ANY);
    }
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
  private readonly byPacket = new Map<number, ControlAction[]>();

  constructor(
    private readonly machine: Machine,
    actions: readonly ControlAction[] = [],
  ) {
    for (const action of actions) {
      const list = this.byPacket.get(action.beforePacket);
      if (list) list.push(action);
      else this.byPacket.set(action.beforePacket, [action]);
    }
  }

  /** Applies the actions due before packet `index`. */
  beforePacket(index: number): void {
    const actions = this.byPacket.get(index);
    if (!actions) return;
    for (const action of actions) {
      const error = applyControl(this.machine, action);
      if (error) this.errors.push({ beforePacket: index, map: action.map, error });
    }
  }

  /** Forgets errors of actions due at or after packet `index` (they will be applied again). */
  rewindTo(index: number): void {
    while (this.errors.length > 0 && (this.errors.at(-1)?.beforePacket ?? 0) >= index) this.errors.pop();
  }
}
