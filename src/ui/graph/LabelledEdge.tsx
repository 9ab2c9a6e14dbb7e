import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from "@xyflow/react";

/**
 * An edge whose label is HTML placed at the path's middle. React Flow's own SVG labels measure
 * themselves with getBBox, which forces a layout of the page whenever they mount: at every step
 * while playing, that was the largest single cost of a frame.
 */
export function LabelledEdge(props: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath(props);
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} style={props.style} />
      {props.label && (
        <EdgeLabelRenderer>
          <div
            className="edge-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {props.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
