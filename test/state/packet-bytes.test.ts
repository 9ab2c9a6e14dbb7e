import { describe, expect, it } from "vitest";
import { packetBytesLayout } from "../../src/state/derive/packet-bytes";

describe("the packet view's layout", () => {
  it("marks the bytes that differ at their offsets and says where", () => {
    const layout = packetBytesLayout({ arrived: "00112233", now: "00ab2233", dataStart: 0 });
    expect(layout?.summary).toBe("1 byte changed (offset 1)");
    expect(layout?.rows[0].cells.map((c) => c.changed)).toEqual([false, true, false, false]);
  });

  it("says how the length moved, and marks bytes past the old end as changed", () => {
    const grown = packetBytesLayout({ arrived: "0011", now: "00110000", dataStart: 14 });
    expect(grown?.summary).toBe("grew by 2 bytes to 4; 2 bytes changed (offsets 2–3)");
    const cut = packetBytesLayout({ arrived: "001122", now: "0011", dataStart: 0 });
    expect(cut?.summary).toBe("shrank by 1 byte to 2");
  });

  it("puts sixteen bytes to a row and counts the rows it leaves out", () => {
    const hex = "ab".repeat(1000);
    const layout = packetBytesLayout({ arrived: hex, now: hex, dataStart: 0 });
    expect(layout?.rows[1].offset).toBe(16);
    expect(layout?.rows.every((row) => row.cells.length === 16)).toBe(true);
    expect((layout?.rows.length ?? 0) * 16 + (layout?.hidden ?? 0)).toBe(1000);
    expect(layout?.summary).toBe("unchanged, 1000 bytes");
  });

  it("shows nothing when the run did not keep the bytes", () => {
    expect(packetBytesLayout({ arrived: "00", now: null, dataStart: 0 })).toBeNull();
  });
});
