/**
 * Vite builds the web app into `dist/`, which the server serves at `/`. In development (`npm run dev -w
 * @athar/web`) Vite serves the app and forwards `/api` to a running server on 127.0.0.1:8080.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const API_TARGET = "http://127.0.0.1:8080";
const SERVICE_WORKER = "sw.js";

/**
 * The service worker (src/offline/sw.ts) is built as a second entry at the root (`/sw.js`, so that its scope
 * is the whole app); this plugin writes into it the list of the shell's files and a version made from their
 * hashed names, so that every build gets its own cache (docs/decisions/ops-offline-field-view.md).
 */
function serviceWorkerManifest(): Plugin {
  return {
    name: "athar-service-worker-manifest",
    apply: "build",
    generateBundle(_options, bundle) {
      const worker = bundle[SERVICE_WORKER];
      if (worker?.type !== "chunk") throw new Error(`${SERVICE_WORKER} was not built`);
      const files = Object.keys(bundle)
        .filter((name) => name !== SERVICE_WORKER && !name.endsWith(".map") && name !== "index.html")
        .sort();
      const html = bundle["index.html"];
      const version = createHash("sha256")
        .update(files.join("\n"))
        .update(html && html.type === "asset" ? String(html.source) : "")
        .digest("hex")
        .slice(0, 16);
      const manifest = JSON.stringify({ version, files: ["/", ...files.map((name) => `/${name}`)] });
      const placeholder = /(["'`])__ATHAR_SW_MANIFEST__\1/;
      if (!placeholder.test(worker.code)) throw new Error("the service worker has no manifest placeholder");
      worker.code = worker.code.replace(placeholder, JSON.stringify(manifest));
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorkerManifest()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL("index.html", import.meta.url)),
        sw: fileURLToPath(new URL("src/offline/sw.ts", import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "sw" ? SERVICE_WORKER : "assets/[name]-[hash].js"),
      },
    },
    // The app must work offline on a local network: no external fonts, no CDN, everything bundled.
    assetsInlineLimit: 4096,
    sourcemap: true,
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": {
        target: API_TARGET,
        changeOrigin: true,
        configure: (proxy) => {
          // The server refuses state-changing requests whose Origin differs from its host (CSRF). Behind
          // this development proxy the browser's origin is Vite's, so present the request as same-origin.
          proxy.on("proxyReq", (proxyRequest) => {
            if (proxyRequest.getHeader("origin")) proxyRequest.setHeader("origin", API_TARGET);
          });
        },
      },
    },
  },
});
