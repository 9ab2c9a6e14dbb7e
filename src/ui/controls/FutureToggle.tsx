interface FutureToggleProps {
  readonly testId: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  /** What is still to come: "lines", "packets". */
  readonly what: string;
}

/** Shows (greyed) what the run has not reached at the cursor yet, or hides it. */
export function FutureToggle({ testId, checked, onChange, what }: FutureToggleProps) {
  return (
    <label className="trace-log-toggle">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      show {what} still to come
    </label>
  );
}
