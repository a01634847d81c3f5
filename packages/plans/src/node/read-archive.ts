/**
 * Reads an IMDF archive from disk: a zip file, or a folder holding manifest.json and the .geojson files.
 * Node-only (file system); everything after reading is the pure import.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  ArchiveError,
  type ArchiveFiles,
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  unzipArchive,
} from "../imdf/archive";

export async function readArchivePath(
  path: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveFiles> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new ArchiveError(`${path}: no such file or folder`);
  }
  if (info.isDirectory()) {
    const files: ArchiveFiles = new Map();
    let total = 0;
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith(".")) continue;
      if (!entry.name.endsWith(".geojson") && !entry.name.endsWith(".json")) continue;
      const bytes = await readFile(join(path, entry.name));
      total += bytes.length;
      if (total > limits.maxUncompressedBytes)
        throw new ArchiveError(`${path}: more than ${limits.maxUncompressedBytes} bytes of files`);
      files.set(entry.name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    return files;
  }
  const bytes = await readFile(path);
  return unzipArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
}
