/**
 * The run report of contract.md §2 and its parts: plain data, what a run hands back and what the
 * trace, the CLI and the app read.
 */

/** How a `bpf_tail_call` attempt ended. */
export type TailCallOutcome = "jumped" | "empty-slot" | "out-of-range" | "limit";

/** One tail-call attempt of a packet's chain. */
export interface TailCallRecord {
  readonly from: string;
  readonly map: string;
  readonly key: number;
  readonly outcome: TailCallOutcome;
  readonly to: string | null;
}

/**
 * What became of one packet. Its index is its place in `RunReport.packets`, not a field, so that
 * packets with the same outcome on the same CPU can share one report (see `ReportInterner.packet`);
 * `reportJson` puts the index back for the contract's JSON.
 */
export interface PacketReport {
  readonly cpu: number;
  readonly retval: number;
  readonly printk: readonly string[];
  readonly programs: readonly string[];
  readonly tailCalls: readonly TailCallRecord[];
  readonly steps: number;
  readonly fault: { readonly message: string; readonly file: string; readonly line: number } | null;
  /**
   * Set when `BPF_PROG_TEST_RUN` refused the frame (too short for the program type) before the
   * program ran: the syscall's error and why (contract.md §2 allows optional fields).
   */
  readonly testRunError?: { readonly errno: string; readonly reason: string };
  /**
   * Records the packet sent to user space through ring buffers and perf event arrays, read when
   * it ended: by map in the object's order, each map's in the order user space reads them.
   * Absent when there are none (contract.md §2 allows optional fields).
   */
  readonly output?: readonly OutputRecord[];
  /**
   * The packet after the programs, as BPF_PROG_TEST_RUN's data_out gives it back (a type that
   * starts at the network header gets its MAC header back zeroed): only when they changed it.
   */
  readonly packetOut?: string;
}

/** One record a program sent to user space: the map and its bytes in hex. */
export interface OutputRecord {
  readonly map: string;
  readonly data: string;
}

/** A control-plane operation applied between packets (contract.md §1 `control`). */
export interface ControlAction {
  readonly beforePacket: number;
  readonly op: "update" | "delete";
  readonly map: string;
  readonly key: string;
  readonly program?: string;
  /** The inner map an array or hash of maps gets at `key`. */
  readonly innerMap?: string;
  readonly value?: string;
}

export type MapReport = {
  type: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  /**
   * Arrays by index, hashes and LPM tries by their key's bytes; a queue's or stack's values in
   * push order, each keyed by its push number (a 4-byte little-endian count the kernel does not
   * show); a bloom filter's never (they cannot be listed).
   */
  entries: (
    | { key: string; value: string }
    | { key: string; values: string[] }
    | { key: string; program: string }
    | { key: string; map: string }
  )[];
  /**
   * A large array lists only the elements a run reached (contract.md §2 allows optional fields):
   * this many others are left out, all zeros.
   */
  untouched?: number;
};

/** The run report of contract.md §2. */
export interface RunReport {
  readonly cpus: number;
  readonly packets: PacketReport[];
  readonly maps: Record<string, MapReport>;
  readonly globals: Record<string, string>;
  /** Control-plane operations that failed, with the errno the kernel would return. */
  readonly control?: ControlError[];
  /**
   * Globals too large to list as hex (a kernel-sized `.bss` array), by name: their size and the
   * runs of bytes that are not zero. Such a global is not in `globals`.
   */
  readonly largeGlobals?: Record<string, LargeGlobal>;
}

/** A kernel-sized global in the run report: its size and where it is not zero. */
export interface LargeGlobal {
  readonly size: number;
  readonly nonZero: readonly { readonly offset: number; readonly bytes: string }[];
}

/** A control-plane operation that failed, with the errno the kernel would return. */
export interface ControlError {
  readonly beforePacket: number;
  readonly map: string;
  readonly error: string;
  /** Which of the scenario's control actions it was (its place in the list). */
  readonly action?: number;
}
