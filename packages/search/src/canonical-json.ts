/**
 * Canonical JSON of the values a search log holds, following RFC 8785 (JSON Canonicalization Scheme): object
 * keys sorted by UTF-16 code units, no whitespace, numbers and strings serialised as ECMAScript's
 * JSON.stringify does. Anyone can recompute the log hash with any JCS implementation. Unlike the general
 * helper in @athar/core this one refuses what JSON cannot carry (NaN, Infinity, functions, undefined in
 * arrays) instead of quietly writing null, because a hash over silently changed data proves nothing.
 */
export function canonicalJsonStrict(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalise the number ${value}`);
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        return `[${value
          .map((item) => {
            if (item === undefined) throw new TypeError("cannot canonicalise undefined inside an array");
            return canonicalJsonStrict(item);
          })
          .join(",")}]`;
      }
      const keys = Object.keys(value as object)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJsonStrict((value as Record<string, unknown>)[key])}`).join(",")}}`;
    }
    default:
      throw new TypeError(`cannot canonicalise a value of type ${typeof value}`);
  }
}
