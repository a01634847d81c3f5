/**
 * Where the bytes of attachments live. Originals are stored once and never changed: the key is derived from
 * the SHA-256 of the content, so a stored file that no longer hashes to its key has been tampered with, and
 * the same photo uploaded twice is stored once. An object store (S3 and the like) can implement this
 * interface; the local disk is the default (local-disk-blob-store.ts).
 */
import type { Readable } from "node:stream";

export interface StoredBlob {
  key: string;
  sha256: string;
  sizeBytes: number;
}

export interface BlobStore {
  /**
   * Streams the bytes in, hashing them on the way; refuses (payload_too_large) more than `maxBytes` and
   * then keeps nothing. Storing content that is already there keeps the original untouched.
   */
  put(source: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StoredBlob>;
  /** The stored bytes, unchanged. Throws not_found when the key is unknown. */
  open(key: string): Promise<Readable>;
  /** Size in bytes, or null when the key is unknown. */
  size(key: string): Promise<number | null>;
}

export const blobKeyOf = (sha256: string): string =>
  `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
