import { EINVAL } from "../target/errno";
import { xdpOffsets } from "./context-builder";
import type { Frame, PacketRun } from "./machine-state";
import { PACKET_SLOT, type Pointer, type Region, region } from "./memory";

/**
 * The buffer a test run gives an XDP frame (net/bpf/test_run.c bpf_prog_test_run_xdp): one page
 * with XDP_PACKET_HEADROOM (256 bytes) before the data and room for struct skb_shared_info (320)
 * at its end; the headroom's first 40 bytes are kept for struct xdp_frame. The buffer starts
 * zeroed, so bytes a program grows into are zero until written.
 */
const XDP_BUFFER_BYTES = 4096;
const XDP_HEADROOM = 256;
const XDP_FRAME_BYTES = 40;
const SHARED_INFO_BYTES = 320;
const ETH_HLEN = 14;

/** Test-run buffers made for adjusted frames (the first adjustment of a packet makes one). */
const buffers = new WeakSet<Uint8Array>();

/** The frame's data as a region of its whole test-run buffer, made on the first adjustment. */
function frameBuffer(run: PacketRun): Region | null {
  const data = run.contextPointers.get(xdpOffsets.data)?.region;
  if (!data) return null;
  if (buffers.has(data.bytes)) return data;
  const bytes = new Uint8Array(XDP_BUFFER_BYTES);
  buffers.add(bytes);
  bytes.set(data.bytes.subarray(data.start, data.start + data.size), XDP_HEADROOM);
  return frameRegion(bytes, XDP_HEADROOM, data.size);
}

function frameRegion(bytes: Uint8Array, start: number, size: number): Region {
  const frame = region("packet", "packet data", bytes, start, size);
  frame.mapSlot = PACKET_SLOT;
  return frame;
}

/** The program sees the frame's new bounds through ctx->data, data_end and data_meta. */
function moveFrame(run: PacketRun, frame: Region): void {
  const pointers = new Map<number, Pointer>(run.contextPointers);
  pointers.set(xdpOffsets.data, { region: frame, offset: 0 });
  pointers.set(xdpOffsets.data_end, { region: frame, offset: frame.size });
  pointers.set(xdpOffsets.data_meta, { region: frame, offset: 0 });
  (run as { contextPointers: ReadonlyMap<number, Pointer> }).contextPointers = pointers;
}

/**
 * `bpf_xdp_adjust_head(xdp, delta)`: data moves by `delta` (negative grows the frame into the
 * headroom); -EINVAL past the room kept for struct xdp_frame or within 14 bytes of data_end.
 */
export function xdpAdjustHead(frame: Frame, delta: number): number {
  const buffer = frameBuffer(frame.run);
  if (!buffer) return -EINVAL;
  const start = buffer.start + delta;
  const end = buffer.start + buffer.size;
  if (start < XDP_FRAME_BYTES || start > end - ETH_HLEN) return -EINVAL;
  moveFrame(frame.run, frameRegion(buffer.bytes, start, end - start));
  return 0;
}

/**
 * `bpf_xdp_adjust_tail(xdp, delta)`: data_end moves by `delta`; grown bytes are zeroed;
 * -EINVAL past the buffer's end (before struct skb_shared_info) or within 14 bytes of data.
 */
export function xdpAdjustTail(frame: Frame, delta: number): number {
  const buffer = frameBuffer(frame.run);
  if (!buffer) return -EINVAL;
  const end = buffer.start + buffer.size + delta;
  if (end > XDP_BUFFER_BYTES - SHARED_INFO_BYTES || end < buffer.start + ETH_HLEN) return -EINVAL;
  if (delta > 0) buffer.bytes.fill(0, buffer.start + buffer.size, end);
  moveFrame(frame.run, frameRegion(buffer.bytes, buffer.start, end - buffer.start));
  return 0;
}
