import { useState } from "react";
import type { StateView } from "../../engine";
import { useTailscope } from "../../state/store";
import { cpuColor } from "../graph/cpu-colors";

/** The packet in flight at the cursor: its CPU, chain so far, and each frame's locals. */
export function Inspector() {
  const cursor = useTailscope((s) => s.cursor);
  const running = cursor?.state.running;
  if (!cursor) return null;
  const others = cursor.state.cpus.filter((packet) => packet.cpu !== running?.cpu);
  return (
    <section className="inspector" data-testid="inspector" aria-label="Inspector">
      <h2 className="pane-title">Inspector · step {cursor.step}</h2>
      {!running ? (
        <p className="pane-placeholder">Between packets: {cursor.state.finishedPackets} finished.</p>
      ) : (
        <>
          <p className="inspector-head">
            <span className="cpu-tag" style={{ borderColor: cpuColor(running.cpu) }}>
              CPU {running.cpu}
            </span>
            packet {running.packet}: {running.programs.join(" → ")}
          </p>
          {running.frames.map((frame, i) => (
            <table
              key={`${i}:${frame.function}`}
              className="locals"
              data-testid={`frame-${i}`}
              aria-label={`Frame ${i}: ${frame.function}`}
            >
              <caption>
                {frame.function} · {i === running.frames.length - 1 ? "next" : "calling, at"}: {frame.file}:
                {frame.line}
              </caption>
              <thead>
                <tr>
                  <th scope="col">local</th>
                  <th scope="col">type</th>
                  <th scope="col">value</th>
                </tr>
              </thead>
              <tbody>
                {frame.locals.map((local) => (
                  <tr key={local.name} data-testid={`local-${local.name}`}>
                    <td>{local.name}</td>
                    <td>{local.type}</td>
                    <td>
                      <code>
                        {local.value ??
                          (local.pointsTo !== undefined ? (local.pointsTo ?? "NULL") : `0x${local.bytes}`)}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
      {running && <ContextFields fields={running.context} cpu={running.cpu} />}
      {others.length > 0 && (
        <ul className="other-cpus" aria-label="Other CPUs with a packet in flight" data-testid="other-cpus">
          {others.map((packet) => {
            const frame = packet.frames.at(-1);
            return (
              <li key={packet.cpu}>
                <span className="cpu-tag" style={{ borderColor: cpuColor(packet.cpu) }}>
                  CPU {packet.cpu}
                </span>
                packet {packet.packet} in {packet.programs.at(-1)}
                {frame && ` · next: ${frame.file}:${frame.line}`}
              </li>
            );
          })}
        </ul>
      )}
      <MapContents maps={cursor.state.maps} />
    </section>
  );
}

/** The followed packet's context fields, as its program reads them now. */
function ContextFields({ fields, cpu }: { fields: Readonly<Record<string, number>>; cpu: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="inspector-section"
      data-testid="context-fields"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Context fields (CPU {cpu})</summary>
      {/* Closed, nothing is rendered: stepping at full speed should not build hidden tables. */}
      {open && (
        <table className="locals">
          <tbody>
            {Object.entries(fields).map(([name, value]) => (
              <tr key={name}>
                <td>{name}</td>
                <td>
                  <code>
                    {value} (0x{value.toString(16)})
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** Every map's entries at the cursor, as bytes (a per-CPU map: one value per CPU). */
function MapContents({ maps }: { maps: StateView["maps"] }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="inspector-section"
      data-testid="map-contents"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Maps, byte by byte</summary>
      {open &&
        Object.entries(maps).map(([name, map]) => (
          <table key={name} className="locals" aria-label={`Map ${name}`}>
            <caption>
              {name} · {map.type} · {map.entries.length} entr{map.entries.length === 1 ? "y" : "ies"}
            </caption>
            <tbody>
              {map.entries.slice(0, 64).map((entry) => (
                <tr key={entry.key}>
                  <td>
                    <code>{entry.key}</code>
                  </td>
                  <td>
                    <code>
                      {"program" in entry
                        ? entry.program
                        : "values" in entry
                          ? entry.values.map((v, cpu) => `CPU ${cpu}: ${v}`).join(" · ")
                          : entry.value}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </details>
  );
}
