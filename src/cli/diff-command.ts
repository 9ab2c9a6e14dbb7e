import { type DiffSide, diffRuns, effectText, Session } from "../engine";
import { requestOf, writeBuildError } from "./run-command";
import type { LoadedInput } from "./sources";

/**
 * `diff` (contract.md §4): runs two scenarios and says where they part: the first packet whose
 * report differs and, in it, the first statement that ran elsewhere or did something else.
 */
export function diffCommand(
  a: LoadedInput,
  b: LoadedInput,
  json: boolean,
  write: (text: string) => void,
): number {
  const sessions = [a, b].map((input) => Session.start(requestOf(input), { record: true }));
  for (const started of sessions) if (!started.ok) return writeBuildError(started.error, json, write);
  const [left, right] = sessions.map((started) => (started.ok ? started.session : null));
  if (!left || !right) return 1;
  const diff = diffRuns(left.travel, right.travel);
  if (json) {
    write(`${JSON.stringify(diff, null, 2)}\n`);
    return 0;
  }
  if (diff.same) {
    write("The runs do not differ: every packet's report and every statement's effect agree.\n");
    return 0;
  }
  const lines = [
    `The runs part at packet ${diff.packet}: ${diff.differs.join(", ")} differ${diff.differs.length === 1 ? "s" : ""}.`,
  ];
  if (diff.statement) {
    lines.push(`  statement ${diff.statement.index + 1} of the packet:`);
    lines.push(`    A: ${sideText(diff.statement.a)}`);
    lines.push(`    B: ${sideText(diff.statement.b)}`);
  }
  write(`${lines.join("\n")}\n`);
  return 0;
}

function sideText(side: DiffSide | null): string {
  if (!side) return "(no such statement: the packet ended)";
  const effects = side.effects.map(effectText);
  const where = `${side.program} on CPU ${side.cpu}, ${side.file}:${side.line} (step ${side.step})`;
  return effects.length > 0 ? `${where}: ${effects.join("; ")}` : where;
}
