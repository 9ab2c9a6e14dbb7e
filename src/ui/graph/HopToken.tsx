import { type EdgeProps, getBezierPath } from "@xyflow/react";
import { loopPath } from "./HopEdge";

export interface HopTokenData extends Record<string, unknown> {
  readonly color: string;
  readonly cpu: number;
  /** Seconds the token takes along the hop: shorter the faster the cursor plays. */
  readonly seconds: number;
}

/**
 * A tail call that just happened: a token in the CPU's colour travels from the caller to the
 * callee (once, on the move that made the hop), over a faint trail that stays while the cursor
 * is there. Reduced motion shows the token at the callee at once.
 */
export function HopToken(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const data = props.data as HopTokenData;
  const [bezier] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  // A program tail-calling itself: the token goes round the hop's loop.
  const path = props.source === props.target ? loopPath(sourceX, sourceY).path : bezier;
  const still =
    typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  return (
    <g className="hop-edge" data-testid={`hop-token-${data.cpu}`}>
      <path d={path} fill="none" stroke={data.color} strokeWidth={3} strokeDasharray="6 5" opacity={0.55} />
      {still ? (
        <circle cx={targetX} cy={targetY} r={7} fill={data.color} />
      ) : (
        <circle r={7} fill={data.color} stroke="white" strokeWidth={1.5}>
          <animateMotion dur={`${data.seconds}s`} fill="freeze" path={path} />
        </circle>
      )}
    </g>
  );
}
