import { useState } from "react";
import type { GlobalSummary, StateView } from "../../engine";
import { decodeField } from "../../state/derive/field";
import { WhyButton } from "../debugging/WhyButton";

/**
 * The program's global variables at the cursor (`.bss`, `.data`, `.rodata`), decoded by their
 * types; each answers where its bytes came from in one click.
 */
export function GlobalsSection({
  values,
  globals,
}: {
  readonly values: StateView["globals"];
  readonly globals: readonly GlobalSummary[];
}) {
  const [open, setOpen] = useState(false);
  const shown = globals.filter((g) => values[g.name] !== undefined);
  if (shown.length === 0) return null;
  return (
    <details
      className="inspector-section"
      data-testid="globals"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Globals</summary>
      {open && (
        <table className="locals" aria-label="Global variables">
          <tbody>
            {shown.map((global) => {
              const hex = values[global.name];
              const decoded = (global.fields ?? [])
                .map((f) => `${f.name ? `${f.name} = ` : ""}${decodeField(hex, f)}`)
                .join(", ");
              return (
                <tr key={global.name} data-testid={`global-${global.name}`}>
                  <td>
                    {global.name} <span className="entry-hex">{global.section}</span>
                  </td>
                  <td>
                    <WhyButton
                      target={{ kind: "global", global: global.name }}
                      label={`the global ${global.name}`}
                    >
                      {decoded && <span>{decoded} </span>}
                      <code className="entry-hex">{hex}</code>
                    </WhyButton>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}
