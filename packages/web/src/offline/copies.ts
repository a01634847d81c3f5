/**
 * The last copy of what the field view needs offline (my work, level plans, the capability catalogue), per
 * user, with the time it was fetched. A load goes to the server first; when the server cannot be reached,
 * the copy is shown with its time, so that the team leader knows how old it is.
 */
import { ApiError } from "../api/client";
import { get, put, STORES, transact } from "./idb";

interface Copy<T> {
  key: string;
  value: T;
  savedAt: string;
}

export interface Loaded<T> {
  value: T;
  /** When the copy was fetched, if it came from the phone's store rather than the server. */
  offlineSince: string | null;
}

const keyOf = (userId: string, name: string) => `${userId}:${name}`;

export async function saveCopy<T>(userId: string, name: string, value: T): Promise<void> {
  try {
    await transact(STORES.cache, "readwrite", (tx) =>
      put(tx, STORES.cache, {
        key: keyOf(userId, name),
        value,
        savedAt: new Date().toISOString(),
      } satisfies Copy<T>),
    );
  } catch {
    // No IndexedDB (private mode, a policy): the view still works online.
  }
}

export async function readCopy<T>(userId: string, name: string): Promise<Copy<T> | undefined> {
  try {
    return await transact(STORES.cache, "readonly", (tx) =>
      get<Copy<T>>(tx, STORES.cache, keyOf(userId, name)),
    );
  } catch {
    return undefined;
  }
}

/** Fetches and keeps a copy; without a connection, answers the kept copy (or throws the network error). */
export async function loadWithCopy<T>(
  userId: string,
  name: string,
  load: () => Promise<T>,
): Promise<Loaded<T>> {
  try {
    const value = await load();
    await saveCopy(userId, name, value);
    return { value, offlineSince: null };
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== "network_error" && error.status < 500)) throw error;
    const copy = await readCopy<T>(userId, name);
    if (!copy) throw error;
    return { value: copy.value, offlineSince: copy.savedAt };
  }
}
