import { Narration } from "../controls/Narration";
import { WhyPanel } from "../debugging/WhyPanel";
import "../debugging/debugging.css";
import { RunButton } from "../controls/RunControls";
import { StepControls } from "../controls/StepControls";
import { TourPanel } from "../lessons/TourPanel";
import { KeyLegend } from "./KeyLegend";

/** Classroom mode's only controls: run, the step bar, and the key legend. */
export function ClassroomBar() {
  return (
    <section className="classroom-bar" data-testid="classroom-bar" aria-label="Run and step">
      <div className="classroom-controls">
        <RunButton />
        <StepControls />
      </div>
      <TourPanel caption />
      <Narration caption />
      <WhyPanel />
      <KeyLegend />
    </section>
  );
}
