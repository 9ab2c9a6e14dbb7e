import { ComparePanel } from "../debugging/ComparePanel";
import { LogpointsPanel } from "../debugging/LogpointsPanel";
import { WatchesPanel } from "../debugging/WatchesPanel";
import { WhyPanel } from "../debugging/WhyPanel";
import "../debugging/debugging.css";
import { BreakpointsPanel } from "./BreakpointsPanel";
import { ControlActions } from "./ControlActions";
import { EventList } from "./EventList";
import { Inspector } from "./Inspector";
import { Narration } from "./Narration";
import { ProblemsList } from "./ProblemsList";
import { RunControls } from "./RunControls";
import { RunLog } from "./RunLog";
import { StepControls } from "./StepControls";
import { TraceLog } from "./TraceLog";

/** The scenario and run button, the problems of the last build, and what the last run printed. */
export function ControlsPane() {
  return (
    <section
      className="pane controls-pane"
      data-testid="controls"
      aria-label="Scenario, problems and run log"
    >
      <RunControls />
      <StepControls />
      <Narration />
      <WhyPanel />
      <ControlActions />
      <BreakpointsPanel />
      <LogpointsPanel />
      <WatchesPanel />
      <ComparePanel />
      <ProblemsList />
      <Inspector />
      <TraceLog />
      <EventList />
      <RunLog />
    </section>
  );
}
