// Context fields of BPF_PROG_TEST_RUN as kernel-facts.md §10.1 measured them on Linux 6.18.
import { describe, expect, it } from "vitest";
import { buildFrame, generatePackets, type PacketTemplate, streamPackets } from "../../src/engine/packets";
import {
  derivedFields,
  fieldNumber,
  packetContext,
  writeDummySocket,
} from "../../src/engine/runtime/context";

const v4 = buildFrame("ipv4-udp", 12345);
const v6 = buildFrame("ipv6-udp", 12345);
const withDestination = (frame: Uint8Array, mac: number[]) => {
  const copy = frame.slice();
  copy.set(mac, 0);
  return copy;
};

describe("test-run context", () => {
  it("numbers each derived field by its place in the list the offsets are indexed by", () => {
    expect(derivedFields.map((name) => fieldNumber[name])).toEqual(derivedFields.map((_, i) => i));
    expect(Object.keys(fieldNumber).length).toBe(derivedFields.length);
  });
  it("gives cgroup_skb the skb from the IP header: len is the frame minus 14", () => {
    expect(packetContext(v4, "cgroup_skb").fields.len).toBe(50);
    expect(packetContext(v6, "cgroup_skb").fields.len).toBe(86);
    expect(packetContext(v4, "cgroup_skb").data[0]).toBe(0x45);
    expect(packetContext(v6, "cgroup_skb").data[0]).toBe(0x60);
  });

  it("gives tc the whole frame", () => {
    expect(packetContext(v4, "sched_cls").fields.len).toBe(64);
    expect(packetContext(v6, "sched_cls").data[0]).toBe(0x02);
  });

  it("derives pkt_type from the destination MAC as on the loopback device", () => {
    const pktType = (mac: number[]) => packetContext(withDestination(v4, mac), "cgroup_skb").fields.pkt_type;
    expect(pktType([2, 0, 0, 0, 0, 2])).toBe(3);
    expect(pktType([0, 0, 0, 0, 0, 0])).toBe(0);
    expect(pktType([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])).toBe(2);
    expect(pktType([0x33, 0x33, 0, 0, 0, 1])).toBe(2);
  });

  it("stores protocol in network order and the socket's addresses as the kernel does", () => {
    const v4Fields = packetContext(v4, "cgroup_skb").fields;
    expect(v4Fields.protocol).toBe(0x8);
    expect(packetContext(v6, "cgroup_skb").fields.protocol).toBe(0xdd86);
    expect(v4Fields.family).toBe(2);
    expect(v4Fields.local_ip4).toBe(0x100000a);
    expect(v4Fields.remote_ip4).toBe(0x200000a);
    expect(packetContext(v6, "cgroup_skb").fields.family).toBe(10);
    expect(v4Fields.ifindex).toBe(1);
  });
});

describe("packet generator", () => {
  it("builds frames of the kernel-facts sizes with a valid IPv4 header checksum", () => {
    expect(buildFrame("ipv4-udp", 1).length).toBe(64);
    expect(buildFrame("ipv4-tcp", 1).length).toBe(54);
    expect(buildFrame("ipv6-udp", 1).length).toBe(100);
    let sum = 0;
    for (let i = 14; i < 34; i += 2) sum += (v4[i] << 8) | v4[i + 1];
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    expect(sum).toBe(0xffff);
  });

  it("spreads packets over CPUs by policy, the same way for the same seed", () => {
    const cpus = (policy: "round-robin" | "random" | "flow", seed = 1) =>
      generatePackets({ count: 8, cpu: policy, seed, template: "ipv4-udp" }, 4).map((p) => p.cpu);
    expect(cpus("round-robin")).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(cpus("random")).toEqual(cpus("random"));
    expect(cpus("random", 2)).not.toEqual(cpus("random", 1));
    expect(new Set(cpus("flow")).size).toBeGreaterThan(1);
  });

  it("streams the packets it would generate, each frame the flow's own", () => {
    for (const template of ["ipv4-udp", "ipv4-tcp", "ipv6-udp"] as PacketTemplate[]) {
      for (const cpu of ["round-robin", "random", "flow"] as const) {
        const generator = { count: 50, cpu, seed: 7, template };
        const listed = generatePackets(generator, 3);
        const stream = streamPackets(generator, 3);
        const streamed = listed.map(() => {
          const packet = stream.next();
          return { cpu: packet.cpu, bytes: packet.bytes.slice() };
        });
        expect(streamed).toEqual(listed);
        const port = (bytes: Uint8Array) =>
          (bytes[template === "ipv6-udp" ? 54 : 34] << 8) | bytes[template === "ipv6-udp" ? 55 : 35];
        for (const packet of listed) expect(packet.bytes).toEqual(buildFrame(template, port(packet.bytes)));
      }
    }
  });
});

describe("the test run's socket behind skb->sk [E]", () => {
  const socketOf = (frame: Uint8Array) => {
    const bytes = new Uint8Array(80);
    const view = new DataView(bytes.buffer);
    writeDummySocket(frame, view);
    return {
      bytes,
      u32: (at: number) => view.getUint32(at, true),
      s32: (at: number) => view.getInt32(at, true),
    };
  };

  it("takes an IPv4 packet's family and addresses, closed and on no queue", () => {
    const sk = socketOf(v4);
    expect([sk.u32(4), sk.u32(24), sk.u32(52), sk.u32(72), sk.s32(76)]).toEqual([
      2, 0x0100000a, 0x0200000a, 7, -1,
    ]);
    expect(sk.u32(44)).toBe(0); // ports stay 0
  });

  it("takes an IPv6 packet's family and 16-byte addresses", () => {
    const sk = socketOf(v6);
    expect(sk.u32(4)).toBe(10);
    expect(sk.bytes.subarray(28, 44)).toEqual(v6.subarray(22, 38));
    expect(sk.bytes.subarray(56, 72)).toEqual(v6.subarray(38, 54));
    expect(sk.u32(24)).toBe(0);
  });

  it("clears family and addresses for the next frame when it is neither (one socket serves every packet)", () => {
    const bytes = new Uint8Array(80);
    const view = new DataView(bytes.buffer);
    writeDummySocket(v6, view);
    writeDummySocket(v4, view);
    expect(bytes.subarray(28, 44).every((b) => b === 0)).toBe(true);
    const other = v4.slice();
    other.set([0x08, 0x06], 12);
    writeDummySocket(other, view);
    expect([view.getUint32(4, true), view.getUint32(24, true), view.getUint32(72, true)]).toEqual([0, 0, 7]);
  });
});
