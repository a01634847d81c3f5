/**
 * Ids for the second and later polygons of a MultiPolygon unit, which become spaces of their own. Derived
 * deterministically from the unit's id and the part's index, so the same archive always imports to the same
 * ids, and shaped like a UUID so that every id in a PlanDocument is one.
 */

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function derivedPartId(sourceId: string, partIndex: number): string {
  const text = `${sourceId.toLowerCase()}#part${partIndex}`;
  const hex = [0x811c9dc5, 0x2f8e3c1b, 0x6b43a9b5, 0x9e3779b9]
    .map((seed) => fnv1a(text, seed).toString(16).padStart(8, "0"))
    .join("");
  // Version 4 and RFC 4122 variant nibbles, so the result passes any UUID check.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
