import { useRegisterSW } from "virtual:pwa-register/react";
import { useEffect, useState } from "react";

/** Whether a service worker already serves this page: then it opens with no network. */
function controlled(): boolean {
  return typeof navigator !== "undefined" && navigator.serviceWorker?.controller != null;
}

export interface AppInstall {
  /** The build is cached: Tailscope opens and runs without the network. */
  readonly worksOffline: boolean;
  /** A new version has been fetched and waits for a reload. */
  readonly updateWaiting: boolean;
  readonly reloadIntoUpdate: () => void;
  readonly postponeUpdate: () => void;
}

/**
 * Registers the service worker (once, from the app's root). A new version never takes over by
 * itself: it waits, announced, until the person reloads, so a demo is never interrupted.
 */
export function useAppInstall(): AppInstall {
  const {
    offlineReady: [offlineReady],
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  const [servedOffline, setServedOffline] = useState(controlled);
  useEffect(() => {
    const container = navigator.serviceWorker;
    if (!container) return;
    const changed = () => setServedOffline(controlled());
    container.addEventListener("controllerchange", changed);
    return () => container.removeEventListener("controllerchange", changed);
  }, []);
  return {
    worksOffline: offlineReady || servedOffline,
    updateWaiting: needRefresh,
    reloadIntoUpdate: () => void updateServiceWorker(true),
    postponeUpdate: () => setNeedRefresh(false),
  };
}

/** In the header: says, once it is true, that Tailscope opens without the network. */
export function OfflineStatus({ install }: { install: AppInstall }) {
  if (!install.worksOffline) return null;
  return (
    <span
      className="offline-status"
      data-testid="offline-status"
      title="Tailscope is stored in this browser: it opens and runs without the network"
    >
      works offline
    </span>
  );
}

/** Over the workbench, when a new version waits. */
export function UpdateNotice({ install }: { install: AppInstall }) {
  if (!install.updateWaiting) return null;
  return (
    <div className="notice notice-info" role="status" data-testid="update-notice">
      <span>A new version of Tailscope is ready. This one keeps running until you reload.</span>
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-update-reload"
        onClick={install.reloadIntoUpdate}
      >
        Reload now
      </button>
      <button type="button" className="toolbar-button" onClick={install.postponeUpdate}>
        Later
      </button>
    </div>
  );
}
