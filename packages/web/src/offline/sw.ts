/**
 * The service worker (built by Vite to `/sw.js`, see vite.config.ts): keeps the app shell on the phone so
 * that the field view opens without a connection. The build writes the list of the shell's files (HTML,
 * hashed scripts and styles) into MANIFEST; a new build is a new cache, and the old one is deleted once the
 * new worker takes over.
 *
 * - Pages (navigations): the network first (4 s), else the cached shell; the app routes on the client.
 * - /assets/: hashed, never change: the cache first.
 * - GET /api/auth/me: the network first; its last answer is kept so that a reload without a connection
 *   still knows who is signed in (deleted at sign-out and on a 401). No other API call is touched: the
 *   field view keeps its own copies and its outbox in IndexedDB (src/offline/).
 *
 * Service workers only run in secure contexts: https, or http on localhost. Served over plain http on a
 * local network, the app works online and the outbox still queues reports, but a reload needs the server.
 */

// Only what this worker uses of the ServiceWorkerGlobalScope (the app's type-check has DOM types, not
// WebWorker types, and the two cannot be mixed in one program).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

/** Replaced at build time by vite.config.ts with `{"version": …, "files": [...]}` as a JSON string. */
const MANIFEST = "__ATHAR_SW_MANIFEST__";

const worker = self as unknown as WorkerScope;
const manifest: { version: string; files: string[] } = MANIFEST.startsWith("{")
  ? JSON.parse(MANIFEST)
  : { version: "development", files: ["/"] };
const SHELL_CACHE = `athar-shell-${manifest.version}`;
const SESSION_CACHE = "athar-session";
const ME = "/api/auth/me";
const NAVIGATION_TIMEOUT_MS = 4000;

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(manifest.files))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("athar-shell-") && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

async function fromNetwork(request: Request, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(request, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function page(request: Request): Promise<Response> {
  try {
    return await fromNetwork(request, NAVIGATION_TIMEOUT_MS);
  } catch (error) {
    const shell = await caches.match("/", { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw error;
  }
}

async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function me(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const copy = await caches.match(ME, { cacheName: SESSION_CACHE });
    if (copy) return copy;
    throw error;
  }
  const cache = await caches.open(SESSION_CACHE);
  if (response.ok) await cache.put(ME, response.clone());
  else if (response.status === 401) await cache.delete(ME);
  return response;
}

async function signOut(request: Request): Promise<Response> {
  const response = await fetch(request);
  await caches.delete(SESSION_CACHE);
  return response;
}

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.method === "POST" && url.pathname === "/api/auth/logout") {
    event.respondWith(signOut(request));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname === ME) event.respondWith(me(request));
  else if (url.pathname.startsWith("/api/")) return;
  else if (request.mode === "navigate") event.respondWith(page(request));
  else if (url.pathname.startsWith("/assets/")) event.respondWith(asset(request));
});
