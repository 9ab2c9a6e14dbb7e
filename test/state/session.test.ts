// The store's session slice and the command registry, over the engine in-process: what the app
// does on Run, on a key, on an edit while stepping.
import { describe, expect, it } from "vitest";
import { command, commandForKey, type KeyPress } from "../../src/state/commands";
import { lessonStore } from "../support/lesson-store";

function seedStore() {
  return lessonStore("01-seed-fixed");
}

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: "",
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...modifiers,
});

/** Performs what a key does, as the app's one keyboard listener would. */
async function key(store: ReturnType<typeof seedStore>, k: string, modifiers: Partial<KeyPress> = {}) {
  const found = commandForKey(press(k, modifiers), false, store.getState());
  if (!found) throw new Error(`${k} does nothing now`);
  found.perform(store.getState());
  await store.getState().movesSettled();
}

describe("a session in the store", () => {
  it("builds, runs once with F5 and lands at the end, then F5 continues instead of running", async () => {
    const store = seedStore();
    await store.getState().rebuild();
    expect(store.getState().build?.runnable).toBe(true);
    expect(commandForKey(press("F5"), false, store.getState())?.id).toBe("run");
    await store.getState().runScenario();
    const { session, cursor, run } = store.getState();
    expect(session?.totalSteps).toBeGreaterThan(0);
    expect(cursor?.step).toBe(session?.totalSteps);
    expect(run && "report" in run ? run.report.packets.length : 0).toBe(4);
    expect(commandForKey(press("F5"), false, store.getState())?.id).toBe("continue");
  });

  it("hops egress1 → egress2 → egress3 from the keyboard, and the CPU's cell fills", async () => {
    const store = seedStore();
    await store.getState().rebuild();
    await store.getState().runScenario();
    await key(store, "F5", { shiftKey: true });
    expect(store.getState().cursor?.step).toBe(0);
    await key(store, "F8");
    const programs = [store.getState().cursor?.state.running?.programs.at(-1)];
    for (let i = 0; i < 2; i++) {
      await key(store, "F7");
      programs.push(store.getState().cursor?.state.running?.programs.at(-1));
    }
    expect(programs).toEqual(["egress1", "egress2", "egress3"]);
    expect(store.getState().previousCursor?.state.running?.programs.at(-1)).toBe("egress2");
    const cell = store.getState().cursor?.state.maps.tail_context_map.entries[0];
    expect(cell && "values" in cell ? cell.values[0] : null).toBe("0b16");
  });

  it("an edit while stepping re-runs and comes back to the same packet and hop", async () => {
    const store = seedStore();
    await store.getState().rebuild();
    await store.getState().runScenario();
    await store.getState().seekCursor(0);
    await key(store, "F8");
    await key(store, "F8");
    await key(store, "F7");
    const before = store.getState().cursor?.state.running;
    const { files, main } = store.getState();
    store.getState().setFileText(main, `${files[main]}\n// an edit\n`);
    expect(store.getState().session).toBeNull();
    await store.getState().rebuild();
    // rebuild starts the re-run; wait for it to land.
    while (store.getState().running || !store.getState().session) await new Promise((r) => setTimeout(r, 1));
    const after = store.getState().cursor?.state.running;
    expect([after?.packet, after?.programs]).toEqual([before?.packet, before?.programs]);
  });

  it("Space plays only where it is not typed; F-keys work everywhere; nothing moves before a run", async () => {
    const store = seedStore();
    await store.getState().rebuild();
    expect(commandForKey(press("F10"), false, store.getState())).toBeNull();
    await store.getState().runScenario();
    expect(commandForKey(press(" "), false, store.getState())?.id).toBe("play-pause");
    expect(commandForKey(press(" "), true, store.getState())).toBeNull();
    expect(commandForKey(press("F10"), true, store.getState())?.id).toBe("step-over");
    expect(commandForKey(press("F10", { shiftKey: true }), true, store.getState())?.id).toBe("step-back");
    expect(commandForKey(press("ç", { altKey: true, code: "KeyC" }), true, store.getState())?.id).toBe(
      "classroom",
    );
    expect(command("step-back").enabled(store.getState())).toBe(true);
  });
});
