import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from "@xyflow/react";

/** A self hop (a program tail-calling its own slot): a loop out of the right side and back. */
export function loopPath(x: number, y: number): { path: string; labelX: number; labelY: number } {
  const path = `M ${x} ${y - 12} C ${x + 70} ${y - 60}, ${x + 70} ${y + 60}, ${x} ${y + 12}`;
  return { path, labelX: x + 58, labelY: y };
}

/** A label such as `tail_programs[1]` on two lines, the map above its slot, to fit between columns. */
function HopLabel({ label }: { label: string }) {
  const split = label.indexOf("[");
  if (split <= 0) return <>{label}</>;
  return (
    <>
      {label.slice(0, split)}
      <br />
      {label.slice(split)}
    </>
  );
}

/**
 * A hop between programs: from the caller's right side to the callee's left, labelled with the
 * slot that carries it; a program that tail-calls itself gets a loop. The label is HTML, placed
 * at the path's middle: React Flow's own SVG labels measure themselves with getBBox, which forces
 * a layout of the page whenever they mount.
 */
export function HopEdge(props: EdgeProps) {
  const self = props.source === props.target;
  const [bezier, bezierX, bezierY] = getBezierPath(props);
  const { path, labelX, labelY } = self
    ? loopPath(props.sourceX, props.sourceY)
    : { path: bezier, labelX: bezierX, labelY: bezierY };
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} style={props.style} />
      {props.label && (
        <EdgeLabelRenderer>
          <div
            className="edge-label nodrag nopan"
            data-testid={`hop-label-${props.id}`}
            style={{
              transform: `translate(${self ? "0" : "-50%"}, -50%) translate(${labelX}px, ${labelY}px)`,
            }}
          >
            <HopLabel label={String(props.label)} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
