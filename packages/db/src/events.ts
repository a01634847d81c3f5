/**
 * Live events between server instances. A write publishes a small event after its transaction commits;
 * every instance's subscribers receive it. With SQLite there is one process, so an in-process emitter is
 * enough; with PostgreSQL, LISTEN/NOTIFY carries events between instances sharing the database.
 */
import { EventEmitter } from "node:events";
import pg from "pg";

export interface LiveEvent {
  /** What happened, e.g. `site.space.created`, `search.report.submitted`. */
  type: string;
  /** The site the event concerns, when there is one: clients filter on it. */
  siteId: string | null;
  entityId: string | null;
  at: string;
  /** Small extra data. The whole event must stay under PostgreSQL's 8000-byte NOTIFY limit. */
  data?: Record<string, unknown>;
}

export type LiveEventListener = (event: LiveEvent) => void;

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(listener: LiveEventListener): () => void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: LiveEvent): Promise<void> {
    this.emitter.emit("event", event);
  }

  subscribe(listener: LiveEventListener): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = "athar_events";
const MAX_NOTIFY_BYTES = 7900;

export class PostgresEventBus implements EventBus {
  private readonly local = new LocalEventBus();
  private listener: pg.Client | null = null;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly publisher: pg.Pool,
  ) {}

  static async start(url: string): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(url, new pg.Pool({ connectionString: url, max: 2 }));
    bus.publisher.on("error", () => undefined);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        void this.local.publish(JSON.parse(message.payload) as LiveEvent);
      } catch {
        // A payload that is not ours is ignored.
      }
    });
    client.on("error", () => {
      // Lost the listening connection: reconnect after a pause so that events flow again.
      if (this.closed) return;
      this.listener = null;
      setTimeout(() => {
        if (!this.closed) void this.listen().catch(() => undefined);
      }, 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  async publish(event: LiveEvent): Promise<void> {
    let payload = JSON.stringify(event);
    if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES)
      payload = JSON.stringify({ ...event, data: { truncated: true } });
    await this.publisher.query("select pg_notify($1, $2)", [CHANNEL, payload]);
  }

  subscribe(listener: LiveEventListener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    await this.listener?.end().catch(() => undefined);
    await this.publisher.end().catch(() => undefined);
  }
}
