import { type FitViewOptions, useReactFlow, useStore } from "@xyflow/react";
import { useEffect } from "react";

interface FitOnChangeProps {
  /** Changes when the picture's nodes or their places change (a build, a lesson, a CPU count). */
  readonly shape: string;
  readonly options: FitViewOptions;
}

/**
 * Frames the whole graph whenever its shape or the pane's size changes (a new build or lesson,
 * another CPU count, entering or leaving classroom mode, a resized window). A cursor move
 * changes neither, so a user's own pan and zoom stay until they fit again (the fit button).
 */
export function FitOnChange({ shape, options }: FitOnChangeProps) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (width === 0 || height === 0 || shape === "") return;
    // Two frames on: React Flow takes new nodes into its store in an effect of its own, which
    // may run after this one; fitting before would frame the old nodes.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        void fitView(options);
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [shape, width, height, fitView, options]);
  return null;
}
