import { AtharError, isRole, newId, type Role } from "@athar/core";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { WriteContext } from "../store";

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
}

export interface UserWithSecret extends User {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: string | null;
}

/** Usernames compare case-insensitively: stored lower-case. */
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

async function rolesOf(db: Kysely<Database>, userIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom("user_roles")
    .select(["user_id", "role"])
    .where("user_id", "in", userIds)
    .execute();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    const list = map.get(row.user_id) ?? [];
    list.push(row.role);
    map.set(row.user_id, list);
  }
  for (const list of map.values()) list.sort();
  return map;
}

export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserWithSecret | null> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", normalizeUsername(username))
    .executeTakeFirst();
  if (!row) return null;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles,
    disabled: row.disabled === 1,
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
  };
}

export async function getUser(db: Kysely<Database>, id: string): Promise<User | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "disabled"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles,
    disabled: row.disabled === 1,
  };
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "disabled"])
    .orderBy("username")
    .execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: roles.get(row.id) ?? [],
    disabled: row.disabled === 1,
  }));
}

export interface NewUser {
  username: string;
  displayName?: string;
  passwordHash: string;
  roles: Role[];
}

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export async function createUser(w: WriteContext, input: NewUser): Promise<User> {
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw new AtharError(
      "validation_failed",
      "username must be 2–64 characters: letters, digits, dot, dash or underscore",
      [{ path: "username", message: "invalid username" }],
    );
  }
  if (input.roles.length === 0)
    throw new AtharError("validation_failed", "a user needs at least one role", [
      { path: "roles", message: "empty" },
    ]);
  const existing = await w.trx
    .selectFrom("users")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirst();
  if (existing) throw new AtharError("conflict", `user ${username} already exists`);
  const id = newId();
  const at = w.now.toISOString();
  await w.trx
    .insertInto("users")
    .values({
      id,
      username,
      display_name: input.displayName ?? username,
      password_hash: input.passwordHash,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const roles = [...new Set(input.roles)].sort();
  await w.trx
    .insertInto("user_roles")
    .values(roles.map((role) => ({ user_id: id, role })))
    .execute();
  const user: User = { id, username, displayName: input.displayName ?? username, roles, disabled: false };
  // The password hash never goes into the audit trail.
  await w.audit({ action: "user.create", entityType: "user", entityId: id, after: user });
  return user;
}

export async function setPasswordHash(w: WriteContext, userId: string, passwordHash: string): Promise<void> {
  await w.trx
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: w.now.toISOString() })
    .where("id", "=", userId)
    .execute();
  await w.audit({ action: "user.password_change", entityType: "user", entityId: userId });
}

export async function setUserRoles(w: WriteContext, userId: string, roles: Role[]): Promise<void> {
  const before = (await rolesOf(w.trx, [userId])).get(userId) ?? [];
  await w.trx.deleteFrom("user_roles").where("user_id", "=", userId).execute();
  const unique = [...new Set(roles)].sort();
  if (unique.length > 0)
    await w.trx
      .insertInto("user_roles")
      .values(unique.map((role) => ({ user_id: userId, role })))
      .execute();
  await w.audit({
    action: "user.roles_change",
    entityType: "user",
    entityId: userId,
    before: { roles: before },
    after: { roles: unique },
  });
}

/** Records a failed login; locks the account when the failures reach the limit. Returns the new lock time. */
export async function recordLoginFailure(
  w: WriteContext,
  userId: string,
  policy: { maxFailures: number; lockMinutes: number },
): Promise<string | null> {
  const row = await w.trx
    .selectFrom("users")
    .select("failed_logins")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const failures = row.failed_logins + 1;
  const lockedUntil =
    failures >= policy.maxFailures
      ? new Date(w.now.getTime() + policy.lockMinutes * 60_000).toISOString()
      : null;
  await w.trx
    .updateTable("users")
    .set({ failed_logins: lockedUntil ? 0 : failures, ...(lockedUntil ? { locked_until: lockedUntil } : {}) })
    .where("id", "=", userId)
    .execute();
  await w.audit({
    action: lockedUntil ? "auth.account_locked" : "auth.login_failed",
    entityType: "user",
    entityId: userId,
    after: { failures, lockedUntil },
  });
  return lockedUntil;
}

export async function recordLoginSuccess(w: WriteContext, userId: string): Promise<void> {
  await w.trx
    .updateTable("users")
    .set({ failed_logins: 0, locked_until: null })
    .where("id", "=", userId)
    .execute();
}
