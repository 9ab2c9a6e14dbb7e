import { Handle, type NodeProps, Position } from "@xyflow/react";
import type { MapSummary } from "../../../engine";
import type { MapNodeData } from "../../../state/derive/graph";
import { cpuColor } from "../cpu-colors";

/** Field values of a cell; every map value starts zeroed, as the kernel creates it. */
function Fields({ map }: { map: MapSummary }) {
  const fields = map.valueFields ?? [
    { name: `${map.valueSize} bytes`, offset: 0, size: map.valueSize, signed: false },
  ];
  return (
    <dl className="cell-fields">
      {fields.map((field) => (
        <div key={field.name || "value"} className="cell-field">
          <dt>{field.name || "value"}</dt>
          <dd>0</dd>
        </div>
      ))}
    </dl>
  );
}

/** A data map; a per-CPU map shows one cell per CPU for key 0, labelled and coloured by CPU. */
export function MapNode({ data }: NodeProps & { data: MapNodeData }) {
  const { map, cpus } = data;
  const keys = Array.from({ length: Math.min(map.maxEntries, map.perCpu ? 1 : 4) }, (_, k) => k);
  return (
    <div className="graph-node map-node" data-testid={`map-node-${map.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">{map.name}</div>
      <div className="node-detail">
        {map.typeName} · key {map.keySize} B · value {map.valueSize} B · max {map.maxEntries}
      </div>
      {map.perCpu
        ? keys.flatMap((key) =>
            Array.from({ length: cpus }, (_, cpu) => (
              <div
                key={`${key}-${cpu}`}
                className="map-cell"
                data-testid={`percpu-cell-${map.name}-${key}-${cpu}`}
              >
                <span className="cell-label" style={{ borderColor: cpuColor(cpu) }}>
                  CPU {cpu} · key {key}
                </span>
                <Fields map={map} />
              </div>
            )),
          )
        : keys.map((key) => (
            <div key={key} className="map-cell" data-testid={`map-cell-${map.name}-${key}`}>
              <span className="cell-label">key {key}</span>
              <Fields map={map} />
            </div>
          ))}
    </div>
  );
}
