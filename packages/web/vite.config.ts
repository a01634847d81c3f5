/**
 * Vite builds the web app into `dist/`, which the server serves at `/`. In development (`npm run dev -w
 * @athar/web`) Vite serves the app and forwards `/api` to a running server on 127.0.0.1:8080.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const API_TARGET = "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
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
