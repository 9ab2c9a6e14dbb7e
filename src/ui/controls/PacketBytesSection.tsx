import { useState } from "react";
import type { PacketBytesView } from "../../engine";
import { packetBytesLayout } from "../../state/derive/packet-bytes";
import "./packet-bytes.css";

/**
 * A packet's bytes from where its program's `data` points, sixteen to a row, each byte the
 * programs changed since it arrived marked; the summary says what changed in words.
 */
export function PacketBytesSection({
  bytes,
  title,
  testId,
}: {
  bytes: PacketBytesView;
  title: string;
  testId: string;
}) {
  const [open, setOpen] = useState(true);
  const layout = packetBytesLayout(bytes);
  if (!layout) return null;
  const from = bytes.dataStart > 0 ? "from skb->data, past the MAC header" : "from data";
  return (
    <details
      className="inspector-section packet-bytes"
      data-testid={testId}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        {title}: <span data-testid={`${testId}-summary`}>{layout.summary}</span>
      </summary>
      {open && (
        <>
          <p className="packet-bytes-note">
            {layout.length} bytes {from}; <mark className="byte-changed">marked</mark> bytes differ from what
            arrived.
          </p>
          <table className="byte-rows" aria-label={`${title}, bytes in hex`}>
            <tbody>
              {layout.rows.map((row) => (
                <tr key={row.offset}>
                  <th scope="row" className="byte-offset">
                    {row.offset.toString(16).padStart(4, "0")}
                  </th>
                  <td className="byte-cells">
                    {row.cells.map((cell) =>
                      cell.changed ? (
                        <mark
                          key={cell.offset}
                          className="byte byte-changed"
                          title={`offset ${cell.offset}: changed`}
                          data-testid={`${testId}-changed-${cell.offset}`}
                        >
                          {cell.hex}
                        </mark>
                      ) : (
                        <span key={cell.offset} className="byte">
                          {cell.hex}
                        </span>
                      ),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {layout.hidden > 0 && <p className="packet-bytes-note">{layout.hidden} more bytes</p>}
        </>
      )}
    </details>
  );
}
