import { type CommandId, command, keyLabel } from "../../state/commands";
import { useTailscope } from "../../state/store";

interface CommandButtonProps {
  readonly id: CommandId;
  readonly testId: string;
  /** What the button shows; its accessible name is the command's label. */
  readonly text: string;
  /** A label other than the command's (Play / Pause). */
  readonly label?: string;
  readonly pressed?: boolean;
}

/** A toolbar button for a command: named, titled with its keys, enabled as the command is. */
export function CommandButton({ id, testId, text, label, pressed }: CommandButtonProps) {
  const target = command(id);
  const enabled = useTailscope((state) => target.enabled(state));
  const keys = target.keys.map(keyLabel).join(" or ");
  const name = label ?? target.label;
  return (
    <button
      type="button"
      className="toolbar-button"
      data-testid={testId}
      aria-label={name}
      aria-keyshortcuts={keys.replaceAll(" or ", " ") || undefined}
      aria-pressed={pressed}
      title={keys ? `${name} (${keys})` : name}
      disabled={!enabled}
      onClick={() => target.perform(useTailscope.getState())}
    >
      {text}
    </button>
  );
}
