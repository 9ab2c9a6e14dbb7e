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
    </section>
  );
}
