/**
 * Attachments on the local disk under one root folder (`ATHAR_FILES_DIR`):
 *   <root>/sha256/ab/cd/<sha256>   the original, read-only (mode 0444)
 *   <root>/incoming/<uuid>         bytes being received, renamed into place once hashed and synced
 * A crash mid-upload leaves only a file in incoming/, never a half-written original.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { AtharError, notFound } from "@athar/core";
import { type BlobStore, blobKeyOf, type StoredBlob } from "./blob-store";

const KEY_PATTERN = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

export class LocalDiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw notFound("file");
    return path.join(this.root, ...key.split("/"));
  }

  async put(source: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StoredBlob> {
    const incoming = path.join(this.root, "incoming");
    await fs.mkdir(incoming, { recursive: true });
    const temporary = path.join(incoming, randomUUID());
    const handle = await fs.open(temporary, "wx", 0o600);
    const hash = createHash("sha256");
    let sizeBytes = 0;
    let kept = false;
    try {
      for await (const chunk of source) {
        sizeBytes += chunk.byteLength;
        if (sizeBytes > options.maxBytes) {
          throw new AtharError("payload_too_large", `the file is larger than ${options.maxBytes} bytes`);
        }
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      const sha256 = hash.digest("hex");
      const key = blobKeyOf(sha256);
      const target = this.pathOf(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const exists = await fs.stat(target).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await fs.chmod(temporary, 0o444);
        await fs.rename(temporary, target);
        kept = true;
      }
      return { key, sha256, sizeBytes };
    } finally {
      await handle.close().catch(() => undefined);
      if (!kept) await fs.rm(temporary, { force: true });
    }
  }

  async open(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await fs.access(file).catch(() => {
      throw notFound("file");
    });
    return createReadStream(file);
  }

  async size(key: string): Promise<number | null> {
    const stat = await fs.stat(this.pathOf(key)).catch(() => null);
    return stat ? stat.size : null;
  }
}
