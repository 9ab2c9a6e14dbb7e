import { Fragment } from "react";

/** Text with `code` spans in backticks, as lesson stories are written. */
export function InlineCode({ text }: { readonly text: string }) {
  // The parts of one fixed string never move, so their positions are stable keys.
  const parts = text.split("`").map((part, i) => ({ part, key: `${i}:${part}` }));
  return (
    <>
      {parts.map(({ part, key }, i) =>
        // Odd parts were between backticks.
        i % 2 === 1 ? <code key={key}>{part}</code> : <Fragment key={key}>{part}</Fragment>,
      )}
    </>
  );
}
