import type { Region } from "../memory";
import type { MapEntry, MapImpl, MapSnapshot, MapSpec } from "./map";

/**
 * What the maps that are not key-value stores share: queues and stacks, bloom filters, ring
 * buffers, perf event arrays, and the maps whose slots hold programs or maps (their own
 * operations set and clear them). A program's lookup finds nothing (the verifier refuses it anyway),
 * the key-value operations answer `refusal` (the errno each kernel map gives), and nothing is
 * listed unless the map says otherwise.
 */
export abstract class UnlistedMap implements MapImpl {
  readonly perCpu = false;

  constructor(
    readonly spec: MapSpec,
    private readonly refusal: number,
  ) {}

  lookup(_key?: Uint8Array, _cpu?: number): Region | null {
    return null;
  }

  update(_key?: Uint8Array, _value?: Uint8Array, _flags?: bigint, _cpu?: number): number {
    return -this.refusal;
  }

  delete(_key?: Uint8Array): number {
    return -this.refusal;
  }

  userUpdate(_key: Uint8Array, _value: Uint8Array, _flags: bigint): number {
    return -this.refusal;
  }

  userDelete(_key?: Uint8Array): number {
    return -this.refusal;
  }

  entries(): MapEntry[] {
    return [];
  }

  omitted(): number {
    return 0;
  }

  abstract snapshot(): MapSnapshot;
  abstract restore(snapshot: MapSnapshot): void;
}
