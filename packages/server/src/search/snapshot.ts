/**
 * A site's search log as the read routes need it: the stored events, their hash and the fold. Folding and
 * hashing a long log costs a few milliseconds to tens of milliseconds, and every screen on a site reloads
 * when the log grows, so the last snapshot of each site is kept and reused while the log's newest position
 * is unchanged (positions are only ever added, inside the transaction that takes the audit lock, so the same
 * newest position means the same log).
 */
import { type Store, searchEvidence, searchLog } from "@athar/db";
import { foldSearchLog, type SearchLogEvent, type SearchState, searchLogHash } from "@athar/search";

export interface SearchSnapshot {
  siteId: string;
  lastSeq: number;
  stored: searchLog.StoredSearchEvent[];
  events: SearchLogEvent[];
  logHash: string;
  /** The fold without history (no timeline or POS series: the report folds again with them). */
  state: SearchState;
}

const SITES_KEPT = 32;
const caches = new WeakMap<Store, Map<string, Promise<SearchSnapshot>>>();

async function build(store: Store, siteId: string): Promise<SearchSnapshot> {
  const stored = await searchLog.listSearchEvents(store.db, siteId);
  const events = stored.map((s) => s.event);
  return {
    siteId,
    lastSeq: stored.at(-1)?.seq ?? 0,
    stored,
    events,
    logHash: searchLogHash(events),
    state: foldSearchLog(events, { history: false }),
  };
}

/** The snapshot of the site's log as it is now. */
export async function searchSnapshot(store: Store, siteId: string): Promise<SearchSnapshot> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const lastSeq = await searchEvidence.lastSearchSeq(store.db, siteId);
  const cached = cache.get(siteId);
  if (cached) {
    const snapshot = await cached.catch(() => null);
    if (snapshot && snapshot.lastSeq === lastSeq) {
      // Most recently used last: the oldest site is the first to go.
      cache.delete(siteId);
      cache.set(siteId, cached);
      return snapshot;
    }
  }
  const pending = build(store, siteId);
  cache.delete(siteId);
  cache.set(siteId, pending);
  if (cache.size > SITES_KEPT) cache.delete(cache.keys().next().value as string);
  pending.catch(() => {
    if (cache.get(siteId) === pending) cache.delete(siteId);
  });
  return pending;
}
