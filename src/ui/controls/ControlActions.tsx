import { useId, useState } from "react";
import type { ControlAction, MapSummary } from "../../engine";
import { parseKeyInput, parseValueInput } from "../../state/control-input";
import { keyLabel } from "../../state/derive/map-keys";
import { innerMapCandidates } from "../../state/derive/map-of-maps";
import { useTailscope } from "../../state/store";

const noMaps: readonly MapSummary[] = [];

function keyIndex(hex: string): string {
  // Prog-array and array keys are little-endian u32s; anything else is shown as its bytes.
  if (hex.length !== 8) return `0x${hex}`;
  return String(Number.parseInt(hex.match(/../g)?.reverse().join("") ?? "0", 16));
}

function describe(action: ControlAction, maps: readonly MapSummary[]): string {
  // A queue, stack or bloom filter has no keys: its update is a push.
  if (action.key === "" && action.op === "update") return `push 0x${action.value ?? ""} to ${action.map}`;
  // An LPM trie's key reads as its prefix (10.1.0.0/16); others as an index or their bytes.
  const map = maps.find((m) => m.name === action.map);
  const key = map?.typeName === "lpm_trie" ? keyLabel(map, action.key) : keyIndex(action.key);
  const slot = `${action.map}[${key}]`;
  if (action.op === "delete") return `clear ${slot}`;
  if (action.innerMap) return `${slot} ← map ${action.innerMap}`;
  return action.program ? `${slot} ← ${action.program}` : `${slot} ← 0x${action.value ?? ""}`;
}

/** The scenario's control-plane actions, each applied before its packet; removable; and a form to add one. */
export function ControlActions() {
  const control = useTailscope((s) => s.control);
  const maps = useTailscope((s) => s.build?.maps ?? noMaps);
  // The last run's refusals, by action: shown beside the action they belong to.
  const refused = useTailscope((s) => (s.run && "report" in s.run ? s.run.report.control : undefined));
  return (
    <div className="control-actions">
      <h2 className="pane-title">Control plane</h2>
      {control.length > 0 && (
        <ol aria-label="Control-plane actions" data-testid="control-actions">
          {control.map((action, i) => (
            // Two pushes to one map before one packet are alike but for their place in the list.
            <li key={`${i}:${action.beforePacket}:${action.map}:${action.key}:${action.op}`}>
              before packet {action.beforePacket}: {describe(action, maps)}{" "}
              {refused
                ?.filter((e) => e.action === i)
                .map((e) => (
                  <strong key={e.error} className="fault" data-testid={`control-error-${i}`}>
                    {e.error}{" "}
                  </strong>
                ))}
              <button
                type="button"
                className="toolbar-button small"
                aria-label={`Remove: before packet ${action.beforePacket}, ${describe(action, maps)}`}
                onClick={() => useTailscope.getState().removeControlAction(i)}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <AddControlAction />
    </div>
  );
}

/**
 * What `bpftool map update` / `delete` would do between two packets: pick the packet it comes
 * before, the map, and the key and value (or program, for a prog array), typed the way a person
 * thinks of them; a mistake is named before anything changes.
 */
function AddControlAction() {
  const build = useTailscope((s) => s.build);
  const maps = build?.maps ?? [];
  const programs = build?.programs.map((p) => p.name) ?? [];
  const [open, setOpen] = useState(false);
  const [beforePacket, setBeforePacket] = useState("0");
  const [mapName, setMapName] = useState("");
  const [op, setOp] = useState<"update" | "delete">("update");
  const [key, setKey] = useState("0");
  const [value, setValue] = useState("");
  const [program, setProgram] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const map = maps.find((m) => m.name === mapName) ?? maps[0];
  if (!map) return null;
  // A prog array's slot takes a program, a map of maps' one a map of its inner map's shape.
  const holdable =
    map.typeName === "prog_array" ? programs : map.holds && build ? innerMapCandidates(build, map) : null;
  // A queue, stack or bloom filter takes values without keys: its only action is a push.
  const keyless = map.keySize === 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const packet = Number(beforePacket);
    if (!Number.isInteger(packet) || packet < 0) return setError("before packet: a packet number, 0 or more");
    const parsedKey = keyless ? ({ ok: true, hex: "" } as const) : parseKeyInput(map, key);
    if (!parsedKey.ok) return setError(`key: ${parsedKey.error}`);
    const action = actionOf(
      map,
      keyless ? "update" : op,
      packet,
      parsedKey.hex,
      value,
      (holdable?.includes(program) ? program : holdable?.[0]) ?? "",
    );
    if ("error" in action) return setError(action.error);
    setError(null);
    useTailscope.getState().addControlAction(action);
  };

  return (
    <details
      className="inspector-section add-control"
      data-testid="add-control"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Add a control-plane action</summary>
      {open && (
        <form
          className="add-control-form"
          onSubmit={submit}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <label>
            before packet{" "}
            <input
              type="number"
              min={0}
              value={beforePacket}
              data-testid="control-before"
              onChange={(e) => setBeforePacket(e.target.value)}
            />
          </label>
          <label>
            map{" "}
            <select value={map.name} data-testid="control-map" onChange={(e) => setMapName(e.target.value)}>
              {maps.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            do{" "}
            <select
              value={op}
              data-testid="control-op"
              onChange={(e) => setOp(e.target.value as "update" | "delete")}
            >
              <option value="update">{keyless ? "push" : "update"}</option>
              {!keyless && <option value="delete">delete</option>}
            </select>
          </label>
          {!keyless && (
            <label>
              key <input value={key} data-testid="control-key" onChange={(e) => setKey(e.target.value)} />
            </label>
          )}
          {(op === "update" || keyless) &&
            (holdable ? (
              <label>
                {map.holds ? "map" : "program"}{" "}
                <select
                  value={holdable.includes(program) ? program : holdable[0]}
                  data-testid="control-program"
                  onChange={(e) => setProgram(e.target.value)}
                >
                  {holdable.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label>
                value{map.perCpu ? " (every CPU)" : ""}{" "}
                <input
                  value={value}
                  placeholder={valueHint(map)}
                  data-testid="control-value"
                  onChange={(e) => setValue(e.target.value)}
                />
              </label>
            ))}
          <button type="submit" className="toolbar-button small" data-testid="control-add">
            Add
          </button>
          {error && (
            <p className="form-error" role="alert" id={`${id}-error`} data-testid="control-error">
              {error}
            </p>
          )}
        </form>
      )}
    </details>
  );
}

function valueHint(map: MapSummary): string {
  const fields = map.valueFields;
  if (fields && fields.length > 0 && fields[0]?.name) return fields.map((f) => `${f.name}=…`).join(", ");
  return map.valueSize <= 8 ? "an integer" : `${map.valueSize * 2} hex digits`;
}

function actionOf(
  map: MapSummary,
  op: "update" | "delete",
  beforePacket: number,
  key: string,
  value: string,
  held: string,
): ControlAction | { error: string } {
  if (op === "delete") return { beforePacket, op, map: map.name, key };
  if (map.holds)
    return held
      ? { beforePacket, op, map: map.name, key, innerMap: held }
      : { error: `no map has the shape ${map.name} holds` };
  const program = held;
  if (map.typeName === "prog_array") return { beforePacket, op, map: map.name, key, program };
  const parsed = parseValueInput(map, value);
  if (!parsed.ok) return { error: `value: ${parsed.error}` };
  return { beforePacket, op, map: map.name, key, value: parsed.hex };
}
