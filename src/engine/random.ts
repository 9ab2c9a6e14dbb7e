/**
 * A seeded pseudo-random generator (mulberry32): the engine never uses Math.random, so a
 * scenario with the same seed replays exactly.
 */
export class SeededRandom {
  /**
   * The state's 32 bits as a signed integer: V8 keeps a small integer in the object itself,
   * where an unsigned one past 2^31 is a boxed double. The arithmetic below reads only bits.
   */
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** The generator's position, to save and restore with a machine's state. */
  get position(): number {
    return this.state >>> 0;
  }

  set position(state: number) {
    this.state = state | 0;
  }

  /**
   * An integer in [0, bound): the draw modulo `bound`. Worked out by a division: `%` of a u32
   * past 2^31 (a double in V8) called C's fmod, and the packet stream draws for every packet.
   * The quotient of two integers below 2^32 is never rounded up across an integer, so the
   * result is exactly `nextU32() % bound` (test/runtime/random.test.ts checks).
   */
  below(bound: number): number {
    return remainder(this.nextU32(), bound);
  }
}

/** `x % bound` for integers x in [0, 2^32) and bound in [1, 2^32], without `%` (see `below`). */
export function remainder(x: number, bound: number): number {
  return x - Math.floor(x / bound) * bound;
}
