/**
 * Whether a database error is a unique-constraint violation, on either database. Used where two writers can
 * race to insert the same natural key (an idempotency key replayed concurrently): the loser reads the winner.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
