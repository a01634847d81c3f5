import { canonicalJsonStrict } from "./canonical-json";
import type { SearchLogEvent } from "./events";
import { sha256Hex } from "./sha256";

/**
 * The hash a coverage report carries: "sha256:" + hex SHA-256 of the UTF-8 bytes of the RFC 8785 canonical
 * JSON of the event array, in log order. Any change to any event, or to their order, changes it.
 */
export function searchLogHash(events: readonly SearchLogEvent[] | readonly unknown[]): string {
  return `sha256:${sha256Hex(canonicalJsonStrict(events))}`;
}
