/**
 * Registers the service worker (src/offline/sw.ts, served as /sw.js) that keeps the app shell for offline
 * use. Called by the operations pages (the field view and the board), not at start-up, so that pages that
 * never need it (and their tests) run without one; once registered it serves the shell for the whole app.
 * Nothing happens where service workers are unavailable (plain http off localhost, the Vite dev server).
 */

const SCRIPT = "/sw.js";
let registering: Promise<boolean> | null = null;

async function register(): Promise<boolean> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return false;
  try {
    await navigator.serviceWorker.register(SCRIPT, { scope: "/" });
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        navigator.serviceWorker.addEventListener("controllerchange", done, { once: true });
        setTimeout(done, 3000);
      });
    }
    // Let the worker keep who is signed in: the sign-in form answered it before the worker was there.
    await fetch("/api/auth/me", { credentials: "same-origin" }).catch(() => undefined);
    return navigator.serviceWorker.controller !== null;
  } catch {
    return false; // not served (development) or refused: the app works online all the same
  }
}

/** Resolves to whether a service worker now controls the page. */
export function registerServiceWorker(): Promise<boolean> {
  registering ??= register();
  return registering;
}
