import { Group, Panel, Separator } from "react-resizable-panels";
import { ControlsPane } from "../controls/ControlsPane";
import { EditorPane } from "../editor/EditorPane";
import { GraphPane } from "../graph/GraphPane";

/**
 * Three resizable panes: the editor, the graph, and the controls with the log below it. In
 * classroom mode only the code and the graph remain, side by side (the step bar sits above).
 */
export function Workbench({ classroom }: { readonly classroom: boolean }) {
  return (
    <Group orientation="horizontal" className="workbench">
      <Panel id="editor-panel" defaultSize={classroom ? "45" : "42"} minSize="20">
        <EditorPane />
      </Panel>
      <Separator className="separator separator-vertical" aria-label="Resize editor and graph" />
      <Panel id="right-panel" minSize="25">
        {classroom ? (
          <GraphPane />
        ) : (
          <Group orientation="vertical">
            <Panel id="graph-panel" defaultSize="64" minSize="20">
              <GraphPane />
            </Panel>
            <Separator className="separator separator-horizontal" aria-label="Resize graph and controls" />
            <Panel id="controls-panel" minSize="15">
              <ControlsPane />
            </Panel>
          </Group>
        )}
      </Panel>
    </Group>
  );
}
