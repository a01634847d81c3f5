import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { WriteContext } from "../store";

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: string;
}

/** `sessionId` is the SHA-256 of the cookie token, never the token itself. */
export async function createSession(
  w: WriteContext,
  sessionId: string,
  userId: string,
  hours: number,
): Promise<SessionRecord> {
  const expiresAt = new Date(w.now.getTime() + hours * 3_600_000).toISOString();
  await w.trx
    .insertInto("sessions")
    .values({
      id: sessionId,
      user_id: userId,
      created_at: w.now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: w.now.toISOString(),
    })
    .execute();
  // Expired sessions are swept at each login; there is no background job to keep in step across instances.
  await w.trx.deleteFrom("sessions").where("expires_at", "<", w.now.toISOString()).execute();
  await w.audit({ action: "auth.login", entityType: "user", entityId: userId });
  return { id: sessionId, userId, expiresAt };
}

export async function findLiveSession(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom("sessions")
    .select(["id", "user_id", "expires_at"])
    .where("id", "=", sessionId)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at } : null;
}

export async function deleteSession(w: WriteContext, sessionId: string, userId: string): Promise<void> {
  await w.trx.deleteFrom("sessions").where("id", "=", sessionId).execute();
  await w.audit({ action: "auth.logout", entityType: "user", entityId: userId });
}

/** Ends every other session of a user (after a password change). */
export async function deleteOtherSessions(
  w: WriteContext,
  userId: string,
  keepSessionId: string,
): Promise<void> {
  await w.trx.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
}

export async function recordLoginAttempt(
  w: WriteContext,
  attempt: { id: string; address: string; username: string; succeeded: boolean },
): Promise<void> {
  await w.trx
    .insertInto("login_attempts")
    .values({
      id: attempt.id,
      address: attempt.address,
      username: attempt.username,
      at: w.now.toISOString(),
      succeeded: attempt.succeeded ? 1 : 0,
    })
    .execute();
  // Keep one hour of attempts: enough for any rate window, small enough to scan.
  await w.trx
    .deleteFrom("login_attempts")
    .where("at", "<", new Date(w.now.getTime() - 3_600_000).toISOString())
    .execute();
}

export async function countRecentAttempts(
  db: Kysely<Database>,
  address: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("address", "=", address)
    .where("at", ">=", since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
