/**
 * Canonical JSON of the values a search log holds, following RFC 8785 (JSON Canonicalization Scheme): object
 * keys sorted by UTF-16 code units, no whitespace, numbers and strings serialised as ECMAScript's
 * JSON.stringify does. Anyone can recompute the log hash with any JCS implementation. Unlike the general
 * helper in @athar/core this one refuses what JSON cannot carry (NaN, Infinity, functions, undefined in
 * arrays) instead of quietly writing null, because a hash over silently changed data proves nothing.
 *
 * Fast path: JSON.stringify with a replacer that hands it each object with its keys in sorted order. That
 * fails only for integer-like keys ("12"), which JavaScript always enumerates first in numeric order; an
 * object with such keys sends the whole value to the plain recursive writer.
 */
export function canonicalJsonStrict(value: unknown): string {
  try {
    return JSON.stringify(value, sortingReplacer);
  } catch (error) {
    if (error !== INTEGER_KEY) throw error;
    return write(value);
  }
}

const INTEGER_KEY = Symbol("integer-like key");
const INTEGER_LIKE = /^(?:0|[1-9]\d{0,9})$/;

function check(value: unknown, inArray: boolean): void {
  if (typeof value === "number" && !Number.isFinite(value))
    throw new TypeError(`cannot canonicalise the number ${value}`);
  if (value === undefined && inArray) throw new TypeError("cannot canonicalise undefined inside an array");
  const type = typeof value;
  if (type === "function" || type === "symbol" || type === "bigint")
    throw new TypeError(`cannot canonicalise a value of type ${type}`);
}

function sortingReplacer(this: unknown, _key: string, value: unknown): unknown {
  check(value, Array.isArray(this));
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (INTEGER_LIKE.test(key) && Number(key) < 4294967295) throw INTEGER_KEY;
    if (i > 0 && keys[i - 1]! > key) sorted = false;
  }
  if (sorted) return value;
  keys.sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = (value as Record<string, unknown>)[key];
  return copy;
}

/** The plain writer, for values with integer-like keys. */
function write(value: unknown): string {
  check(value, false);
  if (value === null || typeof value !== "object")
    return value === undefined ? "null" : JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value
      .map((item: unknown) => {
        check(item, true);
        return write(item);
      })
      .join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares strings by UTF-16 code units, which is the order RFC 8785 asks for.
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key])}`).join(",")}}`;
}
