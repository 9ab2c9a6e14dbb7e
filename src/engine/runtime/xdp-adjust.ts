import { EACCES, EINVAL } from "../target/errno";
import { xdpOffsets } from "./context-builder";
import type { Frame, PacketRun } from "./machine-state";
import { PACKET_SLOT, type Pointer, region } from "./memory";

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
/**
 * The most metadata a frame may carry: skb_shared_info's u8 meta_len, 32-bit aligned
 * (include/net/xdp.h xdp_metalen_invalid, since Linux 6.4; 32 before).
 */
const XDP_META_MAX = 255;

/** Test-run buffers made for adjusted frames (the first adjustment of a packet makes one). */
const buffers = new WeakSet<Uint8Array>();

/** Where a frame's metadata, data and end are in its test-run buffer (byte indices). */
interface FrameBounds {
  readonly bytes: Uint8Array;
  readonly meta: number;
  readonly data: number;
  readonly end: number;
}

/**
 * The frame's bounds in its whole test-run buffer, made on the first adjustment: until then the
 * frame is a region of its own with no metadata (data_meta = data).
 */
function frameBounds(run: PacketRun): FrameBounds | null {
  const data = run.contextPointers.get(xdpOffsets.data);
  const end = run.contextPointers.get(xdpOffsets.data_end);
  const meta = run.contextPointers.get(xdpOffsets.data_meta);
  if (!data || !end) return null;
  const frame = data.region;
  if (buffers.has(frame.bytes)) {
    const metaAt = meta?.region === frame ? frame.start + meta.offset : frame.start + data.offset;
    return {
      bytes: frame.bytes,
      meta: metaAt,
      data: frame.start + data.offset,
      end: frame.start + end.offset,
    };
  }
  const bytes = new Uint8Array(XDP_BUFFER_BYTES);
  buffers.add(bytes);
  const length = end.offset - data.offset;
  bytes.set(frame.bytes.subarray(frame.start + data.offset, frame.start + end.offset), XDP_HEADROOM);
  return { bytes, meta: XDP_HEADROOM, data: XDP_HEADROOM, end: XDP_HEADROOM + length };
}

/**
 * The program sees the frame's new bounds through ctx->data_meta, data and data_end: one
 * region from the metadata to the end, so that the three compare as the kernel's do.
 */
function setFrame(run: PacketRun, { bytes, meta, data, end }: FrameBounds): void {
  const frame = region("packet", "packet data", bytes, meta, end - meta);
  frame.mapSlot = PACKET_SLOT;
  const pointers = new Map<number, Pointer>(run.contextPointers);
  pointers.set(xdpOffsets.data, { region: frame, offset: data - meta });
  pointers.set(xdpOffsets.data_end, { region: frame, offset: end - meta });
  pointers.set(xdpOffsets.data_meta, { region: frame, offset: 0 });
  (run as { contextPointers: ReadonlyMap<number, Pointer> }).contextPointers = pointers;
}

/**
 * `bpf_xdp_adjust_head(xdp, delta)`: data moves by `delta` (negative grows the frame into the
 * headroom), the metadata with it; -EINVAL past the room kept for struct xdp_frame (and the
 * metadata) or within 14 bytes of data_end.
 */
export function xdpAdjustHead(frame: Frame, delta: number): number {
  const bounds = frameBounds(frame.run);
  if (!bounds) return -EINVAL;
  const { bytes, meta, data, end } = bounds;
  const metalen = data - meta;
  const moved = data + delta;
  if (moved < XDP_FRAME_BYTES + metalen || moved > end - ETH_HLEN) return -EINVAL;
  if (metalen > 0) bytes.copyWithin(meta + delta, meta, data);
  setFrame(frame.run, { bytes, meta: meta + delta, data: moved, end });
  return 0;
}

/**
 * `bpf_xdp_adjust_tail(xdp, delta)`: data_end moves by `delta`; grown bytes are zeroed;
 * -EINVAL past the buffer's end (before struct skb_shared_info) or within 14 bytes of data.
 */
export function xdpAdjustTail(frame: Frame, delta: number): number {
  const bounds = frameBounds(frame.run);
  if (!bounds) return -EINVAL;
  const { bytes, data, end } = bounds;
  const moved = end + delta;
  if (moved > XDP_BUFFER_BYTES - SHARED_INFO_BYTES || moved < data + ETH_HLEN) return -EINVAL;
  if (delta > 0) bytes.fill(0, end, moved);
  setFrame(frame.run, { ...bounds, end: moved });
  return 0;
}

/**
 * `bpf_xdp_adjust_meta(xdp, delta)`: data_meta moves by `delta` (negative makes room for
 * metadata before data); -EINVAL past the room kept for struct xdp_frame or past data,
 * -EACCES for metadata not a multiple of 4 bytes or longer than 255 (net/core/filter.c).
 */
export function xdpAdjustMeta(frame: Frame, delta: number): number {
  const bounds = frameBounds(frame.run);
  if (!bounds) return -EINVAL;
  const meta = bounds.meta + delta;
  if (meta < XDP_FRAME_BYTES || meta > bounds.data) return -EINVAL;
  const metalen = bounds.data - meta;
  if (metalen % 4 !== 0 || metalen > XDP_META_MAX) return -EACCES;
  setFrame(frame.run, { ...bounds, meta });
  return 0;
}
