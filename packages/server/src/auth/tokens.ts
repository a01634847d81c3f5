import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "athar_session";

/** A new session token (256 random bits) and the id it is stored under (its SHA-256). */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, id: sessionIdOf(token) };
}

export const sessionIdOf = (token: string): string => createHash("sha256").update(token).digest("hex");
