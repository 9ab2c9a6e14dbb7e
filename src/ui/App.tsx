import { useEffect } from "react";
import { startBuildDriver } from "../state/build-driver";
import { Workbench } from "./layout/Workbench";
import { ThemeToggle } from "./theme/ThemeToggle";

export function App() {
  useEffect(() => startBuildDriver(), []);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Tailscope</h1>
        <span className="app-subtitle">eBPF tail calls and per-CPU maps, step by step</span>
        <div className="toolbar">
          <ThemeToggle />
        </div>
      </header>
      <main className="app-main">
        <Workbench />
      </main>
    </div>
  );
}
