import { useState } from "react";
import type { MapSummary, RunningView, StateView } from "../../engine";
import { decodeField } from "../../state/derive/field";
import { keyLabel } from "../../state/derive/map-keys";
import { useTailscope } from "../../state/store";
import { WhyButton } from "../debugging/WhyButton";
import { cpuColor } from "../graph/cpu-colors";
import { GlobalsSection } from "./GlobalsSection";
import { PacketBytesSection } from "./PacketBytesSection";

/**
 * The machine at the cursor: the followed packet (its CPU, chain so far, each frame's locals and
 * the context), every other CPU's packet in flight the same way (opened on demand), and every
 * map's entries, decoded by their types.
 */
export function Inspector() {
  const cursor = useTailscope((s) => s.cursor);
  const build = useTailscope((s) => s.build);
  const running = cursor?.state.running;
  if (!cursor) return null;
  const others = cursor.state.cpus.filter((packet) => packet.cpu !== running?.cpu);
  return (
    <section className="inspector" data-testid="inspector" aria-label="Inspector">
      <h2 className="pane-title">Inspector · step {cursor.step}</h2>
      {!running ? (
        <>
          <p className="pane-placeholder">Between packets: {cursor.state.finishedPackets} finished.</p>
          {cursor.state.lastFinished && (
            <PacketBytesSection
              bytes={cursor.state.lastFinished.bytes}
              title={`Packet ${cursor.state.lastFinished.packet} as it left`}
              testId="packet-bytes"
            />
          )}
        </>
      ) : (
        <>
          <PacketHead packet={running} />
          <Frames packet={running} testIdPrefix="" />
          <PacketBytesSection
            bytes={running.bytes}
            title={`Packet ${running.packet} now`}
            testId="packet-bytes"
          />
          <ContextFields fields={running.context} cpu={running.cpu} testId="context-fields" />
        </>
      )}
      {others.length > 0 && (
        <ul className="other-cpus" aria-label="Other CPUs with a packet in flight" data-testid="other-cpus">
          {others.map((packet) => (
            <li key={packet.cpu}>
              <OtherCpu packet={packet} />
            </li>
          ))}
        </ul>
      )}
      <MapContents maps={cursor.state.maps} summaries={build?.maps ?? []} />
      <GlobalsSection values={cursor.state.globals} globals={build?.globals ?? []} />
    </section>
  );
}

function PacketHead({ packet }: { packet: RunningView }) {
  return (
    <p className="inspector-head">
      <span className="cpu-tag" style={{ borderColor: cpuColor(packet.cpu) }}>
        CPU {packet.cpu}
      </span>
      packet {packet.packet}: {packet.programs.join(" → ")}
    </p>
  );
}

/** Another CPU's packet: one line, and its frames, locals and context when opened. */
function OtherCpu({ packet }: { packet: RunningView }) {
  const [open, setOpen] = useState(false);
  const frame = packet.frames.at(-1);
  return (
    <details
      className="inspector-cpu"
      data-testid={`cpu-${packet.cpu}-in-flight`}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <span className="cpu-tag" style={{ borderColor: cpuColor(packet.cpu) }}>
          CPU {packet.cpu}
        </span>
        packet {packet.packet} in {packet.programs.at(-1)}
        {frame && ` · next: ${frame.file}:${frame.line}`}
      </summary>
      {open && (
        <>
          <PacketHead packet={packet} />
          <Frames packet={packet} testIdPrefix={`cpu-${packet.cpu}-`} />
          <ContextFields
            fields={packet.context}
            cpu={packet.cpu}
            testId={`cpu-${packet.cpu}-context-fields`}
          />
        </>
      )}
    </details>
  );
}

/** A packet's call stack (bpf2bpf calls), innermost last, each frame with its locals. */
function Frames({ packet, testIdPrefix }: { packet: RunningView; testIdPrefix: string }) {
  return packet.frames.map((frame, i) => (
    <table
      key={`${i}:${frame.function}`}
      className="locals"
      data-testid={`${testIdPrefix}frame-${i}`}
      aria-label={`CPU ${packet.cpu}, frame ${i}: ${frame.function}`}
    >
      <caption>
        {frame.function} · {i === packet.frames.length - 1 ? "next" : "calling, at"}: {frame.file}:
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
          <tr key={local.name} data-testid={`${testIdPrefix}local-${local.name}`}>
            <td>{local.name}</td>
            <td>{local.type}</td>
            <td>
              <WhyButton
                target={{ kind: "local", name: local.name, packet: packet.packet, depth: i }}
                label={`${local.name} in ${frame.function} (CPU ${packet.cpu})`}
                testId={`${testIdPrefix}why-local-${local.name}`}
              >
                <code>
                  {local.value ??
                    (local.pointsTo !== undefined ? (local.pointsTo ?? "NULL") : `0x${local.bytes}`)}
                </code>
              </WhyButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  ));
}

/** A packet's context fields, as its program reads them now. */
function ContextFields({
  fields,
  cpu,
  testId,
}: {
  fields: Readonly<Record<string, number>>;
  cpu: number;
  testId: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="inspector-section"
      data-testid={testId}
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
                  <WhyButton
                    target={{ kind: "context", field: name, cpu }}
                    label={`ctx->${name} (CPU ${cpu})`}
                  >
                    <code>
                      {value} (0x{value.toString(16)})
                    </code>
                  </WhyButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** Entries listed per map; the rest are counted (a 64k-entry array would not scroll well). */
const LISTED_ENTRIES = 64;

/**
 * Every map's entries at the cursor, decoded by the key's and value's types, each with its
 * bytes; a per-CPU map has a value per CPU, a prog array the program in each slot.
 */
function MapContents({ maps, summaries }: { maps: StateView["maps"]; summaries: readonly MapSummary[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="inspector-section"
      data-testid="map-contents"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Maps</summary>
      {open &&
        Object.entries(maps).map(([name, map]) => {
          const summary = summaries.find((m) => m.name === name);
          const left = map.entries.length - LISTED_ENTRIES;
          return (
            <table
              key={name}
              className="locals map-table"
              aria-label={`Map ${name}`}
              data-testid={`map-table-${name}`}
            >
              <caption>
                {name} · {map.type} · {map.entries.length} entr{map.entries.length === 1 ? "y" : "ies"}
              </caption>
              <thead>
                <tr>
                  <th scope="col">key</th>
                  <th scope="col">value</th>
                </tr>
              </thead>
              <tbody>
                {map.entries.slice(0, LISTED_ENTRIES).map((entry) => (
                  <tr key={entry.key}>
                    <td>
                      {summary ? keyLabel(summary, entry.key) : entry.key}
                      <code className="entry-hex">{entry.key}</code>
                    </td>
                    <td>
                      {"program" in entry ? (
                        entry.program
                      ) : "map" in entry ? (
                        `map ${entry.map}`
                      ) : "values" in entry ? (
                        entry.values.map((value, cpu) => (
                          <div key={cpu}>
                            CPU {cpu}:{" "}
                            <WhyButton
                              target={{ kind: "map", map: name, key: entry.key, cpu }}
                              label={`${name}[${entry.key}] on CPU ${cpu}`}
                            >
                              <DecodedValue summary={summary} hex={value} />
                            </WhyButton>
                          </div>
                        ))
                      ) : (
                        <WhyButton
                          target={{ kind: "map", map: name, key: entry.key, cpu: null }}
                          label={`${name}[${entry.key}]`}
                        >
                          <DecodedValue summary={summary} hex={entry.value} />
                        </WhyButton>
                      )}
                    </td>
                  </tr>
                ))}
                {left > 0 && (
                  <tr>
                    <td colSpan={2}>… and {left.toLocaleString("en")} more</td>
                  </tr>
                )}
              </tbody>
            </table>
          );
        })}
    </details>
  );
}

/** A value's fields as C reads them, then its bytes. */
function DecodedValue({ summary, hex }: { summary: MapSummary | undefined; hex: string }) {
  const fields = summary?.valueFields ?? [];
  const named = fields.map((f) => `${f.name ? `${f.name} = ` : ""}${decodeField(hex, f)}`).join(", ");
  return (
    <>
      {named && <span>{named} </span>}
      <code className="entry-hex">{hex}</code>
    </>
  );
}
