import type { LoadedObject, MapDefinition } from "../loader/object";
import type { TypedProgram, VariableSymbol } from "../types/symbols";

/** Where each global lives: its section (an internal array map's value), offset and the section's size. */
export interface GlobalPlacement {
  readonly section: string;
  readonly off: number;
  readonly sectionSize: number;
  /**
   * An integer in a map libbpf freezes read-only (.rodata, .kconfig): the verifier reads its
   * value from the map (bpf_map_direct_read), so a load of it is a known constant.
   */
  readonly constant?: bigint;
}

/** What the verifier's analysis of one function is given: the program, its object, where globals live. */
export interface AnalysisInput {
  readonly program: TypedProgram;
  readonly object: LoadedObject;
  readonly globals: ReadonlyMap<VariableSymbol, GlobalPlacement>;
  readonly maps: ReadonlyMap<VariableSymbol, MapDefinition>;
}
