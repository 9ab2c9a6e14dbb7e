/**
 * The one copy of a program's or map's name that V8 keeps for property keys ("internalised").
 * The runtime looks these names up and compares them on every packet (a tail call's target, the
 * report's program list). Two internalised strings are equal only when they are one object, so
 * such a lookup compares pointers; two other strings of one length are compared character by
 * character, and names such as egress1 and egress2 differ only in their last one. The value is
 * the same string either way: only its speed depends on the engine.
 */
export function interned(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}
