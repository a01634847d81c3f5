/**
 * The storage entry point. Reads go straight to `store.db`; every write goes through `store.write`, which
 * opens a transaction, hands the repository functions a WriteContext, and appends the audit entries they
 * record in the same transaction. A write that cannot be audited does not happen. Live events collected
 * during the write are published only after the commit.
 */

import type { DatabaseConfig } from "@athar/config";
import { type Clock, systemClock } from "@athar/core";
import type { Kysely, Transaction } from "kysely";
import { type Actor, type AuditInput, appendAudit } from "./audit";
import { type Connection, openConnection } from "./connection";
import { type EventBus, type LiveEvent, LocalEventBus, PostgresEventBus } from "./events";
import { migrateToLatest } from "./migrate";
import type { Database } from "./schema";

export interface WriteContext {
  trx: Transaction<Database>;
  actor: Actor;
  now: Date;
  audit(input: AuditInput): Promise<void>;
  /** Queues a live event, published after the transaction commits. */
  emit(event: Omit<LiveEvent, "at">): void;
}

export class Store {
  readonly db: Kysely<Database>;

  private constructor(
    readonly connection: Connection,
    readonly events: EventBus,
    readonly clock: Clock,
  ) {
    this.db = connection.db;
  }

  get dialect() {
    return this.connection.dialect;
  }

  /** Opens the database, brings its schema up to date, and starts the live-event bus. */
  static async open(
    config: DatabaseConfig,
    options: { clock?: Clock; migrate?: boolean; poolSize?: number } = {},
  ): Promise<Store> {
    const connection = openConnection(
      config,
      options.poolSize === undefined ? {} : { poolSize: options.poolSize },
    );
    try {
      if (options.migrate !== false) await migrateToLatest(connection.db as unknown as Kysely<unknown>);
      const events = connection.postgresUrl
        ? await PostgresEventBus.start(connection.postgresUrl)
        : new LocalEventBus();
      return new Store(connection, events, options.clock ?? systemClock);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  async write<T>(actor: Actor, work: (context: WriteContext) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const pending: LiveEvent[] = [];
    const result = await this.db.transaction().execute(async (trx) => {
      const context: WriteContext = {
        trx,
        actor,
        now,
        audit: async (input) => {
          await appendAudit(trx, actor, now, input);
        },
        emit: (event) => {
          pending.push({ ...event, at: now.toISOString() });
        },
      };
      return work(context);
    });
    for (const event of pending) await this.events.publish(event).catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.connection.close();
  }
}
