import { useEffect, useRef, useState } from "react";

/**
 * A count the worker answers for the cursor's step (lines printed by it, events happened by
 * it), asked again when the step or the filter changes. While one question is out, later ones
 * wait and only the newest is asked when it answers: playing at full speed asks at most one
 * question at a time and never shows a stale answer last. `answered` is the step the count is
 * for: the view marks it, so that a test (or a reader) can tell the count has caught up.
 */
export function useCursorCount<Filter>(
  step: number,
  filter: Filter,
  live: boolean,
  ask: (step: number, filter: Filter) => Promise<number>,
): { count: number; answered: number } {
  const [result, setResult] = useState({ count: 0, answered: 0 });
  const asking = useRef(false);
  const wanted = useRef({ step, filter });
  wanted.current = { step, filter };
  useEffect(() => {
    if (!live) return;
    const run = async () => {
      if (asking.current) return;
      asking.current = true;
      let question = wanted.current;
      for (;;) {
        const answer = await ask(Math.max(0, question.step), question.filter);
        if (wanted.current === question) {
          setResult({ count: answer, answered: question.step });
          break;
        }
        question = wanted.current;
      }
      asking.current = false;
    };
    void run();
  }, [step, JSON.stringify(filter), live]);
  return result;
}
