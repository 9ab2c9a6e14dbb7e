import { followedMove } from "./derive/moves";
import type { TailscopeState } from "./store";

interface Store {
  getState(): TailscopeState;
  subscribe(listener: (state: TailscopeState, previous: TailscopeState) => void): () => void;
}

/**
 * Plays the run: while `playing`, one move on by the chosen unit (a statement, as the CPU focus
 * shapes it; a hop; a packet) every 1/speed seconds, to the end, where it stops by itself.
 * The move's own time counts towards the interval, so the speed is the one chosen.
 */
export function startPlayer(store: Store): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;

  const tick = async (mine: number) => {
    if (mine !== generation) return;
    const state = store.getState();
    const { cursor, session, setPlaying } = state;
    if (!session || (cursor?.step ?? 0) >= session.totalSteps) {
      setPlaying(false);
      return;
    }
    const started = performance.now();
    const before = cursor?.step ?? 0;
    await state.moveCursor(followedMove({ kind: state.playBy, direction: 1 }, state));
    if (mine !== generation) return;
    // No further hop or packet: the move stayed put, and playing is over.
    if ((store.getState().cursor?.step ?? 0) === before) {
      setPlaying(false);
      return;
    }
    const interval = 1000 / store.getState().speed;
    timer = setTimeout(() => void tick(mine), Math.max(0, interval - (performance.now() - started)));
  };

  const restart = (state: TailscopeState) => {
    generation++;
    if (timer) clearTimeout(timer);
    timer = null;
    if (state.playing) {
      const mine = generation;
      timer = setTimeout(() => void tick(mine), 1000 / state.speed);
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.playing !== previous.playing || state.speed !== previous.speed) restart(state);
  });
  return () => {
    unsubscribe();
    generation++;
    if (timer) clearTimeout(timer);
  };
}
