/**
 * Runs the app on a port with structured logs and a graceful shutdown: on SIGINT/SIGTERM the server stops
 * accepting connections, finishes the requests in flight, closes live streams and then the database.
 */
import type { AtharConfig } from "@athar/config";
import type { Store } from "@athar/db";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  config: AtharConfig,
  store: Store,
  options: { webRoot?: string | null; logger?: boolean; handleSignals?: boolean } = {},
): Promise<RunningServer> {
  const app = await buildApp(
    { store, config },
    {
      webRoot: options.webRoot ?? null,
      logger:
        options.logger === false
          ? false
          : {
              level: config.logLevel,
              redact: {
                paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
                remove: true,
              },
            },
    },
  );
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await store.close();
    })();
    return closing;
  };
  if (options.handleSignals) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, "shutting down");
        void close().then(() => process.exit(0));
      });
    }
  }
  return { app, url, close };
}
