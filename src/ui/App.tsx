import { useEffect } from "react";
import { startBuildDriver } from "../state/build-driver";
import { openFromFragment, startAutosave } from "../state/open-workspace";
import { startPlayer } from "../state/player";
import { useTailscope } from "../state/store";
import { ClassroomBar } from "./classroom/ClassroomBar";
import { HelpOverlay } from "./classroom/HelpOverlay";
import { OfflineStatus, UpdateNotice, useAppInstall } from "./common/app-install";
import { NoticeBanner } from "./common/NoticeBanner";
import { SafeModeBanner } from "./common/SafeModeBanner";
import { useCommandKeys } from "./keyboard";
import { Workbench } from "./layout/Workbench";
import { LessonGallery } from "./lessons/LessonGallery";
import { PendingOpenDialog } from "./lessons/PendingOpenDialog";
import { QuestionDialog } from "./lessons/QuestionDialog";
import { WorkspaceToolbar } from "./share/WorkspaceToolbar";
import { ThemeToggle } from "./theme/ThemeToggle";

/** Opens a share link from the address, then drops it so a reload restores the saved work instead. */
function useShareLinkOnLoad(): void {
  useEffect(() => {
    const fragment = window.location.hash;
    if (!fragment) return;
    openFromFragment(fragment);
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }, []);
}

export function App() {
  useEffect(() => startBuildDriver(), []);
  useEffect(() => startAutosave(), []);
  useEffect(() => startPlayer(useTailscope), []);
  useShareLinkOnLoad();
  useCommandKeys();
  const install = useAppInstall();
  const classroom = useTailscope((s) => s.classroom);
  const title = useTailscope((s) => s.title);
  return (
    <div className={classroom ? "app classroom" : "app"} data-testid="app" data-classroom={classroom}>
      <header className="app-header">
        <h1 className="app-title">Tailscope</h1>
        <span className="app-subtitle" data-testid="workspace-title">
          {title}
        </span>
        <OfflineStatus install={install} />
        <div className="toolbar">
          <WorkspaceToolbar />
          <HelpOverlay />
          <ThemeToggle />
        </div>
      </header>
      <NoticeBanner />
      <UpdateNotice install={install} />
      <SafeModeBanner />
      {classroom && <ClassroomBar />}
      <main className="app-main">
        <Workbench classroom={classroom} />
      </main>
      <LessonGallery />
      <PendingOpenDialog />
      <QuestionDialog />
    </div>
  );
}
