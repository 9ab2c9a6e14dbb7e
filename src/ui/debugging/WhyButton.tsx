import type { ReactNode } from "react";
import type { ValueTarget, WhyTarget } from "../../engine";
import { useTailscope } from "../../state/store";

/**
 * A value the app shows, as a button: a click asks where it came from (the answer opens in the
 * debugging panel). Looks like the value it wraps.
 */
export function WhyButton({
  target,
  label,
  children,
  testId,
}: {
  readonly target: WhyTarget | ValueTarget;
  /** What the value is, as the answer's heading names it. */
  readonly label: string;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  return (
    <button
      type="button"
      className="why-button"
      data-testid={testId}
      title={`Where did ${label} come from?`}
      onClick={() => void useTailscope.getState().askWhy(target, label)}
    >
      {children}
    </button>
  );
}
