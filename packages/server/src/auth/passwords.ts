/** Password hashing: argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). */
import { hash, type Options, verify } from "@node-rs/argon2";

// `Algorithm` is an ambient const enum, which isolated modules cannot read; 2 is its Argon2id member.
const ARGON2ID = 2 as NonNullable<Options["algorithm"]>;
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export { MIN_PASSWORD_LENGTH } from "@athar/core";
export const MAX_PASSWORD_LENGTH = 1024;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username does not exist, so that timing does not tell which names exist. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
}
