interface CpuSelectProps {
  readonly testId: string;
  readonly label: string;
  readonly cpus: number;
  /** The chosen CPU, or null for all of them. */
  readonly value: number | null;
  readonly onChange: (cpu: number | null) => void;
}

/** A choice of one CPU or all of them: the step focus, and the trace log's and event list's filters. */
export function CpuSelect({ testId, label, cpus, value, onChange }: CpuSelectProps) {
  return (
    <select
      className="cpu-focus"
      aria-label={label}
      data-testid={testId}
      value={value ?? "all"}
      onChange={(e) => onChange(e.target.value === "all" ? null : Number(e.target.value))}
    >
      <option value="all">all CPUs</option>
      {Array.from({ length: cpus }, (_, cpu) => `CPU ${cpu}`).map((name, cpu) => (
        <option key={name} value={cpu}>
          {name}
        </option>
      ))}
    </select>
  );
}
