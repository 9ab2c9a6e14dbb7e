import type { ControlAction } from "../../engine";
import { removeControlAction } from "../../state/run-action";
import { useTailscope } from "../../state/store";

function keyIndex(hex: string): string {
  // Prog-array and array keys are little-endian u32s; anything else is shown as its bytes.
  if (hex.length !== 8) return `0x${hex}`;
  return String(Number.parseInt(hex.match(/../g)?.reverse().join("") ?? "0", 16));
}

function describe(action: ControlAction): string {
  const slot = `${action.map}[${keyIndex(action.key)}]`;
  if (action.op === "delete") return `clear ${slot}`;
  return action.program ? `${slot} ← ${action.program}` : `${slot} ← 0x${action.value ?? ""}`;
}

/** The scenario's control-plane actions, each applied before its packet; removable. */
export function ControlActions() {
  const control = useTailscope((s) => s.control);
  if (control.length === 0) return null;
  return (
    <div className="control-actions">
      <h2 className="pane-title">Control plane</h2>
      <ol aria-label="Control-plane actions" data-testid="control-actions">
        {control.map((action, i) => (
          <li key={`${action.beforePacket}:${action.map}:${action.key}:${action.op}`}>
            before packet {action.beforePacket}: {describe(action)}{" "}
            <button
              type="button"
              className="toolbar-button small"
              aria-label={`Remove: before packet ${action.beforePacket}, ${describe(action)}`}
              onClick={() => removeControlAction(i)}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
