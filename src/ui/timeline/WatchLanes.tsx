import { LABEL_WIDTH, stepAt } from "../../state/derive/timeline";
import { laneMarks, nearestChange } from "../../state/derive/watch-lane";
import { useTailscope } from "../../state/store";

const LANE_HEIGHT = 16;

/**
 * Each watch over the whole run, as a lane under the timeline on its scale: a mark at every
 * change (labelled with the new value where there is room); a click seeks to the nearest change.
 */
export function WatchLanes({ width, totalSteps }: { readonly width: number; readonly totalSteps: number }) {
  const watches = useTailscope((s) => s.watches);
  const shown = watches.flatMap((watch, i) => (watch.result?.ok ? [{ lane: watch.result.lane, i }] : []));
  if (shown.length === 0) return null;
  return (
    <div className="watch-lanes" data-testid="watch-lanes">
      {shown.map(({ lane, i }) => {
        const marks = laneMarks(lane, width, totalSteps);
        return (
          <svg
            key={`${lane.label}-${i}`}
            className="watch-lane"
            data-testid={`watch-lane-${i}`}
            width={width}
            height={LANE_HEIGHT}
            role="img"
            aria-label={`${lane.label}: ${lane.changes.length} changes over the run; click to seek to one`}
            onPointerDown={(event) => {
              const box = event.currentTarget.getBoundingClientRect();
              const step = nearestChange(lane, stepAt(event.clientX - box.left, box.width, totalSteps));
              if (step !== null) void useTailscope.getState().seekCursor(step);
            }}
          >
            <title>{`#${i + 1} ${lane.label}`}</title>
            <text x={2} y={12} className="watch-lane-label">
              #{i + 1}
            </text>
            <line
              x1={LABEL_WIDTH}
              x2={width}
              y1={LANE_HEIGHT - 1}
              y2={LANE_HEIGHT - 1}
              className="watch-lane-base"
            />
            {marks.map((mark, m) => {
              const next = marks[m + 1]?.x ?? width;
              const room = next - mark.x > mark.value.length * 7 + 6;
              return (
                <g key={mark.x}>
                  <line x1={mark.x} x2={mark.x} y1={1} y2={LANE_HEIGHT - 1} className="watch-lane-tick" />
                  {room && (
                    <text x={mark.x + 3} y={12} className="watch-lane-value">
                      {mark.value}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        );
      })}
    </div>
  );
}
