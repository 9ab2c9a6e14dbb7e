import type { KeyboardEvent } from "react";
import { useTailscope } from "../../state/store";

/** Source files as an ARIA tab list: main file first, then headers by name. Arrow keys move between tabs. */
export function FileTabs() {
  const files = useTailscope((s) => s.files);
  const main = useTailscope((s) => s.main);
  const activeFile = useTailscope((s) => s.activeFile);
  const openFile = useTailscope((s) => s.openFile);
  const names = [
    main,
    ...Object.keys(files)
      .filter((name) => name !== main)
      .sort(),
  ];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const next = names[(names.indexOf(activeFile) + step + names.length) % names.length];
    openFile(next);
    document.getElementById(`tab-${next}`)?.focus();
  }

  return (
    <div className="file-tabs" role="tablist" aria-label="Source files" onKeyDown={onKeyDown}>
      {names.map((name) => (
        <button
          key={name}
          id={`tab-${name}`}
          type="button"
          role="tab"
          aria-selected={name === activeFile}
          aria-controls={`panel-${name}`}
          tabIndex={name === activeFile ? 0 : -1}
          className="file-tab"
          data-testid={`file-tab-${name}`}
          onClick={() => openFile(name)}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
