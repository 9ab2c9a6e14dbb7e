import { SIMULATED_COMM, SIMULATED_PID } from "../runtime/helpers";
import { CPU_BITS, NS_PER_STATEMENT } from "../runtime/limits";
import type { ExecutionObserver, Frame, MapRead, MapWrite, PacketRun } from "../runtime/machine-state";
import { tracePipeLine } from "../runtime/printk";
import type { TailCallOutcome, TailCallRecord } from "../runtime/report";
import type { SourceFile, Span } from "../source/source-file";
import { AccessLog, type RecordedAccess } from "./trace-accesses";
import { ByteArena, FloatColumn, firstPast, IntColumn, Interner, overlaps } from "./trace-columns";

/** The task the simulated test runs belong to (kernel-facts §4.3's trace lines). */
const COMM = SIMULATED_COMM;
const PID = SIMULATED_PID;
/** trace_pipe's flags column for a softirq-less, preemptible test run. */
const FLAGS = "....1";
const CPU_MASK = (1 << CPU_BITS) - 1;

/**
 * Statements a trace records in full: 12 bytes each, so about 100 MB; past that a run is
 * summarised (see TraceRecorder). Far beyond what stepping by hand needs.
 */
export const DEFAULT_STATEMENT_LIMIT = 8_000_000;

/** Words per recorded map write, map read, global access and packet read (see the columns). */
const MAP_WRITE_WORDS = 9;
const MAP_READ_WORDS = 9;

/** The step of the statement the packet's innermost frame runs (see `Frame.statementStep`). */
function originOf(run: PacketRun, step: number): number {
  const frame = run.frames[run.frames.length - 1];
  return frame?.statementStep || step;
}

const outcomes: readonly TailCallOutcome[] = ["jumped", "empty-slot", "out-of-range", "limit"];

/** One executed statement, decoded from the columns. */
export interface StatementEvent {
  readonly step: number;
  readonly packet: number;
  readonly cpu: number;
  readonly program: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly timeNs: number;
  /** Call depth: 0 in the program itself, 1 inside a function it called, and so on. */
  readonly depth: number;
}

/**
 * The execution trace of a run, recorded as it runs: every statement (packet, CPU, program,
 * source position), every tail-call attempt with its outcome, every write to a map value
 * (bytes before and after) and every printk line. Columns of
 * typed arrays and interned strings, not objects: three 32-bit words per statement. Virtual
 * time is not stored per statement — it is the packet's start plus NS_PER_STATEMENT per
 * statement, as the machine counts it — and trace_pipe lines are formatted when read.
 */
export class TraceRecorder implements ExecutionObserver {
  private readonly strings = new Interner();
  /** packet << CPU_BITS | cpu. */
  private readonly where = new IntColumn();
  /** file id << 24 | offset in the file. */
  private readonly site = new IntColumn();
  /** depth << 24 | program id. */
  private readonly program = new IntColumn();
  /** Per packet: its first step (0-based event index) and the clock when it started. */
  private readonly packetFirst: number[] = [];
  private readonly packetLast: number[] = [];
  private readonly packetStart: number[] = [];
  /** Interleaved runs only: the clock at each statement (CPUs' clocks differ). */
  private readonly statementTime: FloatColumn | null;
  /** Per printk line: the step it followed, its CPU, the clock, and the interned message. */
  private readonly printkStep = new IntColumn();
  private readonly printkCpu = new IntColumn();
  private readonly printkTime = new FloatColumn();
  private readonly printkMessage = new IntColumn();
  private readonly printkProgram = new IntColumn();
  /** Per map write: step, map, key, CPU (-1: shared), bytes before and after (interned hex), offset, size, origin (see RecordedAccess). */
  private readonly mapWrites = new IntColumn();
  /** Loads and stores of globals, and loads from the packet. */
  readonly accesses = new AccessLog(this.strings);
  /** Per map read: step, map, key, CPU (-1: shared), via (0 lookup, 1 load), offset, where the
   * bytes are in `readBytes`, how many, origin. */
  private readonly mapReads = new IntColumn();
  private readonly readBytes = new ByteArena();
  /** Per tail-call attempt: step, packet, from, to (-1 for none), outcome, slot. */
  private readonly tailCalls = new IntColumn();
  private readonly files: SourceFile[] = [];
  private lastFile: SourceFile | null = null;
  private lastFileId = 0;
  private lastRun: PacketRun | null = null;
  private lastProgramCount = 0;
  private lastProgramId = 0;

  /** Statements run so far (recorded in full or not). */
  private total = 0;

  /**
   * @param statementLimit statements recorded in full; past it, only packets, tail calls, printk
   * lines and map writes are (a run too long to record every statement of still steps).
   */
  constructor(
    readonly statementLimit = DEFAULT_STATEMENT_LIMIT,
    options: { readonly interleaved?: boolean } = {},
  ) {
    this.statementTime = options.interleaved ? new FloatColumn() : null;
  }

  get steps(): number {
    return this.total;
  }

  /** The first step not recorded in full, or null when every statement is. */
  get truncatedAfter(): number | null {
    return this.total > this.statementLimit ? this.statementLimit : null;
  }

  statement(run: PacketRun, frame: Frame, span: Span): void {
    const depth = run.frames.length - 1;
    if (run !== this.lastRun) {
      this.lastRun = run;
      this.lastProgramCount = -1;
    }
    // The packet's first statement (CPUs may interleave packets, so not "a new run").
    if (run.steps === 1) {
      this.packetFirst[run.index] = this.total;
      this.packetStart[run.index] = run.machine.clock - NS_PER_STATEMENT;
    }
    this.total++;
    frame.statementStep = this.total;
    this.packetLast[run.index] = this.total;
    if (this.where.length >= this.statementLimit) return;
    this.statementTime?.push(run.machine.clock);
    if (run.programs.length !== this.lastProgramCount) {
      this.lastProgramCount = run.programs.length;
      this.lastProgramId = this.strings.id(run.programs[run.programs.length - 1] ?? "");
    }
    if (span.file !== this.lastFile) {
      this.lastFile = span.file;
      this.lastFileId = this.fileId(span.file);
    }
    this.where.push((run.index << CPU_BITS) | run.cpu);
    this.site.push((this.lastFileId << 24) | span.start);
    this.program.push((depth << 24) | this.lastProgramId);
  }

  private fileId(file: SourceFile): number {
    let id = this.files.indexOf(file);
    if (id < 0) {
      id = this.files.length;
      this.files.push(file);
    }
    return id;
  }

  printk(run: PacketRun, message: string): void {
    this.printkStep.push(this.steps);
    this.printkProgram.push(this.strings.id(run.programs[run.programs.length - 1] ?? ""));
    this.printkCpu.push(run.cpu);
    this.printkTime.push(run.machine.clock);
    this.printkMessage.push(this.strings.id(message));
  }

  tailCall(run: PacketRun, record: TailCallRecord): void {
    this.tailCalls.push(this.steps);
    this.tailCalls.push(run.index);
    this.tailCalls.push(this.strings.id(record.from));
    this.tailCalls.push(record.to === null ? -1 : this.strings.id(record.to));
    this.tailCalls.push(outcomes.indexOf(record.outcome));
    this.tailCalls.push(record.key);
  }

  mapWrite(run: PacketRun, write: MapWrite): void {
    this.mapWrites.push(this.steps);
    this.mapWrites.push(this.strings.id(write.map));
    this.mapWrites.push(this.strings.id(write.key));
    this.mapWrites.push(write.cpu ?? -1);
    this.mapWrites.push(this.strings.id(write.before));
    this.mapWrites.push(this.strings.id(write.after));
    this.mapWrites.push(write.offset);
    this.mapWrites.push(write.size);
    this.mapWrites.push(originOf(run, this.steps));
  }

  globalWrite(run: PacketRun, global: string, offset: number, size: number): void {
    this.accesses.globalWrite(this.steps, originOf(run, this.steps), global, offset, size);
  }

  globalRead(run: PacketRun, global: string, offset: number, size: number): void {
    this.accesses.globalRead(this.steps, originOf(run, this.steps), global, offset, size);
  }

  packetRead(run: PacketRun, offset: number, size: number): void {
    this.accesses.packetRead(this.steps, originOf(run, this.steps), offset, size);
  }

  mapRead(run: PacketRun, read: MapRead): void {
    this.mapReads.push(this.steps);
    this.mapReads.push(this.strings.id(read.map));
    this.mapReads.push(this.strings.id(read.key));
    this.mapReads.push(read.cpu ?? -1);
    this.mapReads.push(read.via === "lookup" ? 0 : 1);
    this.mapReads.push(read.offset);
    this.mapReads.push(this.readBytes.append(read.bytes));
    this.mapReads.push(read.bytes.length);
    this.mapReads.push(originOf(run, this.steps));
  }

  /** Map reads recorded (lookups and loads through their pointers). */
  get mapReadCount(): number {
    return this.mapReads.length / MAP_READ_WORDS;
  }

  /** The i-th read of a map, with its step. */
  mapReadAt(i: number): { step: number; origin: number } & MapRead<string> {
    const data = (k: number) => this.mapReads.at(i * MAP_READ_WORDS + k);
    return {
      step: data(0),
      map: this.strings.values[data(1)],
      key: this.strings.values[data(2)],
      cpu: data(3) < 0 ? null : data(3),
      via: data(4) === 0 ? "lookup" : "load",
      offset: data(5),
      bytes: this.readBytes.hex(data(6), data(7)),
      origin: data(8),
    };
  }

  /** Every read of a map (lookups and loads through their pointers), with its step. */
  mapReadEvents(): ({ step: number } & MapRead<string>)[] {
    return Array.from({ length: this.mapReadCount }, (_, i) => this.mapReadAt(i));
  }

  /** Map value writes recorded. */
  get mapWriteCount(): number {
    return this.mapWrites.length / MAP_WRITE_WORDS;
  }

  /** The i-th write to a map value, with the step whose statement made it. */
  mapWriteAt(i: number): { step: number; origin: number } & MapWrite {
    const data = (k: number) => this.mapWrites.at(i * MAP_WRITE_WORDS + k);
    return {
      step: data(0),
      map: this.strings.values[data(1)],
      key: this.strings.values[data(2)],
      cpu: data(3) < 0 ? null : data(3),
      before: this.strings.values[data(4)],
      after: this.strings.values[data(5)],
      offset: data(6),
      size: data(7),
      origin: data(8),
    };
  }

  /** Every write to a map value, with the step whose statement made it. */
  mapWriteEvents(): ({ step: number } & MapWrite)[] {
    return Array.from({ length: this.mapWriteCount }, (_, i) => this.mapWriteAt(i));
  }

  /** The statement executed as step `step` (1-based: step 1 is the first statement). */
  statementAt(step: number): StatementEvent | null {
    const i = step - 1;
    if (i < 0 || i >= this.where.length) return null;
    const where = this.where.at(i);
    const packet = where >> CPU_BITS;
    const site = this.site.at(i);
    const file = this.files[site >>> 24];
    const { line, column } = file.position(site & 0xffffff);
    return {
      step,
      packet,
      cpu: where & CPU_MASK,
      program: this.strings.values[this.program.at(i) & 0xffffff],
      depth: this.program.at(i) >>> 24,
      file: file.name,
      line,
      column,
      timeNs:
        this.statementTime?.at(i) ??
        this.packetStart[packet] + NS_PER_STATEMENT * (i - this.packetFirst[packet] + 1),
    };
  }

  /**
   * Where step `step`'s statement stands, raw: its source file and offset, and a key equal for
   * two steps exactly when they ran in the same packet, CPU, program and call depth.
   */
  siteAt(step: number): { file: SourceFile; start: number; frameKey: string; depth: number } | null {
    const i = step - 1;
    if (i < 0 || i >= this.where.length) return null;
    const site = this.site.at(i);
    const program = this.program.at(i);
    return {
      file: this.files[site >>> 24],
      start: site & 0xffffff,
      frameKey: `${this.where.at(i)}:${program}`,
      depth: program >>> 24,
    };
  }

  /**
   * The last store into bytes `[offset, offset + size)` of a map value (one CPU's copy, or the
   * shared value when `cpu` is null) recorded before step `before`, or null when none was.
   */
  lastMapWriteBefore(
    map: string,
    key: string,
    cpu: number | null,
    offset: number,
    size: number,
    before: number,
  ): RecordedAccess | null {
    const mapId = this.strings.find(map);
    const keyId = this.strings.find(key);
    if (mapId < 0 || keyId < 0) return null;
    const c = this.mapWrites;
    const w = MAP_WRITE_WORDS;
    for (let i = firstPast(c, w, this.mapWriteCount, before - 1) - 1; i >= 0; i--) {
      const step = c.at(i * w);
      if (c.at(i * w + 1) !== mapId || c.at(i * w + 2) !== keyId || c.at(i * w + 3) !== (cpu ?? -1)) continue;
      if (overlaps(c.at(i * w + 6), c.at(i * w + 7), offset, size)) return { step, origin: c.at(i * w + 8) };
    }
    return null;
  }

  /** The first load of those bytes (through a looked-up pointer) recorded after step `after`, or null. */
  nextMapReadAfter(
    map: string,
    key: string,
    cpu: number | null,
    offset: number,
    size: number,
    after: number,
  ): RecordedAccess | null {
    const mapId = this.strings.find(map);
    const keyId = this.strings.find(key);
    if (mapId < 0 || keyId < 0) return null;
    const c = this.mapReads;
    const w = MAP_READ_WORDS;
    for (let i = firstPast(c, w, this.mapReadCount, after); i < this.mapReadCount; i++) {
      const step = c.at(i * w);
      if (c.at(i * w + 1) !== mapId || c.at(i * w + 2) !== keyId || c.at(i * w + 3) !== (cpu ?? -1)) continue;
      // A lookup hands out a pointer; only a load through it reads the bytes.
      if (c.at(i * w + 4) === 0) continue;
      if (overlaps(c.at(i * w + 5), c.at(i * w + 7), offset, size)) return { step, origin: c.at(i * w + 8) };
    }
    return null;
  }

  /** The 0-based index of each packet's first statement, in step order. */
  packetStarts(): number[] {
    return this.packetFirst.filter((first) => first !== undefined).sort((a, b) => a - b);
  }

  /** The step of a packet's last statement, or null if it never ran one. */
  packetLastStep(packet: number): number | null {
    return this.packetLast[packet] ?? null;
  }

  /** The 0-based index of a packet's first statement, or null if it never ran one. */
  packetFirstStep(packet: number): number | null {
    return this.packetFirst[packet] ?? null;
  }

  /** Every printk line as trace_pipe prints it, with the step it followed. */
  printkLines(): { step: number; line: string }[] {
    return Array.from({ length: this.printkCount }, (_, i) => {
      const { step, line } = this.printkAt(i);
      return { step, line };
    });
  }

  get printkCount(): number {
    return this.printkStep.length;
  }

  /** The i-th printk line as trace_pipe prints it, with its step, CPU and program. */
  printkAt(i: number): { step: number; cpu: number; program: string; line: string } {
    const message = this.strings.values[this.printkMessage.at(i)];
    const time = BigInt(Math.round(this.printkTime.at(i)));
    const cpu = this.printkCpu.at(i);
    return {
      step: this.printkStep.at(i),
      cpu,
      program: this.strings.values[this.printkProgram.at(i)],
      line: tracePipeLine(COMM, PID, cpu, FLAGS, time, message),
    };
  }

  /** The step that printed the i-th printk line. */
  printkStepAt(i: number): number {
    return this.printkStep.at(i);
  }

  /** Indexes of the printk lines of one CPU and/or one program (null: any), in order. */
  printkMatching(cpu: number | null, program: string | null): Int32Array {
    const programId = program === null ? -1 : this.strings.values.indexOf(program);
    const matches: number[] = [];
    for (let i = 0; i < this.printkStep.length; i++) {
      if (cpu !== null && this.printkCpu.at(i) !== cpu) continue;
      if (program !== null && this.printkProgram.at(i) !== programId) continue;
      matches.push(i);
    }
    return Int32Array.from(matches);
  }

  /** Tail-call attempts recorded. */
  get tailCallCount(): number {
    return this.tailCalls.length / 6;
  }

  /** The i-th tail-call attempt: its step, packet, from and to, outcome and slot. */
  tailCallAt(i: number): {
    step: number;
    packet: number;
    from: string;
    to: string | null;
    outcome: TailCallOutcome;
    key: number;
  } {
    const data = (k: number) => this.tailCalls.at(i * 6 + k);
    return {
      step: data(0),
      packet: data(1),
      from: this.strings.values[data(2)],
      to: data(3) < 0 ? null : this.strings.values[data(3)],
      outcome: outcomes[data(4)],
      key: data(5),
    };
  }

  tailCallEvents(): ReturnType<TraceRecorder["tailCallAt"]>[] {
    return Array.from({ length: this.tailCallCount }, (_, i) => this.tailCallAt(i));
  }

  /** The i-th printk message as the program formatted it (without trace_pipe's prefix). */
  printkMessageAt(i: number): string {
    return this.strings.values[this.printkMessage.at(i)];
  }

  /** Bytes the trace's columns hold. */
  bytes(): number {
    return [
      this.where,
      this.site,
      this.program,
      this.printkStep,
      this.printkCpu,
      this.printkTime,
      this.printkMessage,
      this.printkProgram,
      this.mapWrites,
      this.mapReads,
      this.tailCalls,
    ]
      .map((c) => c.bytes())
      .concat(
        this.readBytes.bytes(),
        this.accesses.bytes(),
        this.statementTime?.bytes() ?? 0,
        this.packetFirst.length * 16,
      )
      .reduce((a, b) => a + b, 0);
  }
}
