import { useRef, useState } from "react";
import { importScenario } from "../../state/open-workspace";
import { useTailscope } from "../../state/store";
import { CommandButton } from "../common/CommandButton";
import { ShareDialog } from "./ShareDialog";

/** Lessons, opening a scenario file, sharing and exporting, classroom mode. */
export function WorkspaceToolbar() {
  const setGalleryOpen = useTailscope((s) => s.setGalleryOpen);
  const classroom = useTailscope((s) => s.classroom);
  const [sharing, setSharing] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-lessons"
        onClick={() => setGalleryOpen(true)}
      >
        Lessons
      </button>
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-import"
        onClick={() => fileInput.current?.click()}
      >
        Open file…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-file"
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) importScenario(await file.text(), file.name);
        }}
      />
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-share"
        onClick={() => setSharing(true)}
      >
        Share / export
      </button>
      <CommandButton id="classroom" testId="btn-classroom" text="Classroom" pressed={classroom} />
      {sharing && <ShareDialog onClose={() => setSharing(false)} />}
    </>
  );
}
