/** Identifiers are random UUIDs (v4): unguessable, so an id in a URL reveals nothing about others. */
interface CryptoLike {
  randomUUID(): string;
}

export function newId(): string {
  const crypto = (globalThis as unknown as { crypto?: CryptoLike }).crypto;
  if (!crypto) throw new Error("Web Crypto is not available in this runtime");
  return crypto.randomUUID();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);
