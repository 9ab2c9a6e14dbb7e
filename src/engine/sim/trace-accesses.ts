import { firstPast, IntColumn, type Interner, overlaps } from "./trace-columns";

/**
 * A recorded access: `step` is the statement count when it happened (where the cursor shows
 * it done), `origin` the step of the statement that made it — earlier when the access came
 * after a call returned (`s->x = f(y);` stores once f's last statement ran).
 */
export interface RecordedAccess {
  readonly step: number;
  readonly origin: number;
}

/** A load from or store into a global variable: the step that made it and which bytes. */
export interface GlobalAccess {
  readonly step: number;
  readonly origin: number;
  readonly global: string;
  readonly offset: number;
  readonly size: number;
}

/** Words per global access: step, global (interned name), offset, size, origin. */
const GLOBAL_WORDS = 5;
/** Words per packet load: step, offset, size, origin. */
const PACKET_READ_WORDS = 4;

/**
 * The trace's loads and stores of global variables and its loads from the packet, in step
 * order, as columns of words: what `why` follows back from a value to where it came from.
 */
export class AccessLog {
  private readonly globalWrites = new IntColumn();
  private readonly globalReads = new IntColumn();
  private readonly packetReads = new IntColumn();

  /** @param strings the trace's interned names, shared with its other columns. */
  constructor(private readonly strings: Interner) {}

  globalWrite(step: number, origin: number, global: string, offset: number, size: number): void {
    pushGlobal(this.globalWrites, this.strings, step, origin, global, offset, size);
  }

  globalRead(step: number, origin: number, global: string, offset: number, size: number): void {
    pushGlobal(this.globalReads, this.strings, step, origin, global, offset, size);
  }

  packetRead(step: number, origin: number, offset: number, size: number): void {
    this.packetReads.push(step);
    this.packetReads.push(offset);
    this.packetReads.push(size);
    this.packetReads.push(origin);
  }

  /** Stores into globals recorded. */
  get globalWriteCount(): number {
    return this.globalWrites.length / GLOBAL_WORDS;
  }

  /** The i-th store into a global: the step that made it, which global, which bytes. */
  globalWriteAt(i: number): GlobalAccess {
    return this.globalAccess(this.globalWrites, i);
  }

  get globalReadCount(): number {
    return this.globalReads.length / GLOBAL_WORDS;
  }

  /** The i-th load from a global: the step that made it, which global, which bytes. */
  globalReadAt(i: number): GlobalAccess {
    return this.globalAccess(this.globalReads, i);
  }

  get packetReadCount(): number {
    return this.packetReads.length / PACKET_READ_WORDS;
  }

  /** The i-th load from the packet: its step and which bytes (offsets from the packet's first byte). */
  packetReadAt(i: number): { step: number; offset: number; size: number; origin: number } {
    const data = (k: number) => this.packetReads.at(i * PACKET_READ_WORDS + k);
    return { step: data(0), offset: data(1), size: data(2), origin: data(3) };
  }

  /** The last store into these bytes of a global before a step (`lastMapWriteBefore` for globals). */
  lastGlobalWriteBefore(global: string, offset: number, size: number, before: number): RecordedAccess | null {
    const id = this.strings.find(global);
    if (id < 0) return null;
    const c = this.globalWrites;
    const w = GLOBAL_WORDS;
    for (let i = firstPast(c, w, this.globalWriteCount, before - 1) - 1; i >= 0; i--) {
      const step = c.at(i * w);
      if (c.at(i * w + 1) !== id) continue;
      if (overlaps(c.at(i * w + 2), c.at(i * w + 3), offset, size)) return { step, origin: c.at(i * w + 4) };
    }
    return null;
  }

  /** The first load of these bytes of a global after a step (`nextMapReadAfter` for globals). */
  nextGlobalReadAfter(global: string, offset: number, size: number, after: number): RecordedAccess | null {
    const id = this.strings.find(global);
    if (id < 0) return null;
    const c = this.globalReads;
    const w = GLOBAL_WORDS;
    for (let i = firstPast(c, w, this.globalReadCount, after); i < this.globalReadCount; i++) {
      const step = c.at(i * w);
      if (c.at(i * w + 1) !== id) continue;
      if (overlaps(c.at(i * w + 2), c.at(i * w + 3), offset, size)) return { step, origin: c.at(i * w + 4) };
    }
    return null;
  }

  /** Bytes the columns hold. */
  bytes(): number {
    return this.globalWrites.bytes() + this.globalReads.bytes() + this.packetReads.bytes();
  }

  private globalAccess(column: IntColumn, i: number): GlobalAccess {
    const data = (k: number) => column.at(i * GLOBAL_WORDS + k);
    return {
      step: data(0),
      global: this.strings.values[data(1)],
      offset: data(2),
      size: data(3),
      origin: data(4),
    };
  }
}

function pushGlobal(
  column: IntColumn,
  strings: Interner,
  step: number,
  origin: number,
  global: string,
  offset: number,
  size: number,
): void {
  column.push(step);
  column.push(strings.id(global));
  column.push(offset);
  column.push(size);
  column.push(origin);
}
