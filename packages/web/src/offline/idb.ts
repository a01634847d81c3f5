/**
 * A small promise wrapper around the IndexedDB database of the field view (`athar-field`): the outbox of
 * reports waiting to be sent, the reports already answered, and the last copies of what the phone needs
 * offline (my work, level plans, the capability catalogue). IndexedDB survives a reload, a closed tab and a
 * restarted phone; localStorage would too, but it cannot hold photos (Blobs).
 */

const DB_NAME = "athar-field";
const DB_VERSION = 1;
export const STORES = { outbox: "outbox", sent: "sent", cache: "cache" } as const;
export type StoreName = (typeof STORES)[keyof typeof STORES];

let opening: Promise<IDBDatabase> | null = null;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

export function openDatabase(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new Error("IndexedDB is not available"));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORES.outbox)) {
        const outbox = db.createObjectStore(STORES.outbox, { keyPath: "id" });
        outbox.createIndex("order", "order", { unique: false });
      }
      if (!db.objectStoreNames.contains(STORES.sent)) db.createObjectStore(STORES.sent, { keyPath: "key" });
      if (!db.objectStoreNames.contains(STORES.cache)) db.createObjectStore(STORES.cache, { keyPath: "key" });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, and open again next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error("IndexedDB could not be opened"));
    };
  });
  return opening;
}

/** Runs `work` in one transaction and resolves when the transaction has committed. */
export async function transact<T>(
  stores: StoreName | StoreName[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const db = await openDatabase();
  const tx = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
  });
  const result = await work(tx);
  await done;
  return result;
}

export const get = <T>(tx: IDBTransaction, store: StoreName, key: IDBValidKey) =>
  promised(tx.objectStore(store).get(key) as IDBRequest<T | undefined>);
export const getAll = <T>(tx: IDBTransaction, store: StoreName) =>
  promised(tx.objectStore(store).getAll() as IDBRequest<T[]>);
export const put = (tx: IDBTransaction, store: StoreName, value: unknown) =>
  promised(tx.objectStore(store).put(value));
export const remove = (tx: IDBTransaction, store: StoreName, key: IDBValidKey) =>
  promised(tx.objectStore(store).delete(key));
