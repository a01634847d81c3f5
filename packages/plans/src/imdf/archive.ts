/**
 * An IMDF archive as a map of file name → contents, and its zip form. Zip reading and writing is pure
 * (fflate), so the server, the browser and the CLI share it. Limits guard against zip bombs: the sizes the
 * zip declares are checked before anything is inflated, and again after.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

/** File name (no folder) → bytes or text. */
export type ArchiveFiles = Map<string, Uint8Array | string>;

export interface ArchiveLimits {
  /** Total uncompressed size accepted. */
  maxUncompressedBytes: number;
  maxFiles: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxFiles: 1000,
};

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveError";
  }
}

const ZIP_MAGIC = [0x50, 0x4b];

export const looksLikeZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === ZIP_MAGIC[0] && bytes[1] === ZIP_MAGIC[1];

/** Base name of a path inside a zip (archives are often zipped with their folder). */
const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/**
 * Unzips an IMDF archive. Folders inside the zip are flattened to base names (`venue/unit.geojson` →
 * `unit.geojson`); macOS resource forks and folder entries are skipped. Throws ArchiveError on a corrupt zip,
 * a file name that appears twice, or sizes over the limits.
 */
export function unzipArchive(
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): ArchiveFiles {
  if (!looksLikeZip(bytes)) throw new ArchiveError("not a zip file");
  let declared = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (
          file.name.endsWith("/") ||
          file.name.startsWith("__MACOSX/") ||
          baseName(file.name).startsWith(".")
        )
          return false;
        count++;
        declared += file.originalSize;
        if (count > limits.maxFiles)
          throw new ArchiveError(`more than ${limits.maxFiles} files in the archive`);
        if (declared > limits.maxUncompressedBytes) {
          throw new ArchiveError(`the archive unpacks to more than ${limits.maxUncompressedBytes} bytes`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`corrupt zip: ${error instanceof Error ? error.message : String(error)}`);
  }
  const files: ArchiveFiles = new Map();
  let total = 0;
  for (const [path, data] of Object.entries(entries)) {
    const name = baseName(path);
    if (files.has(name)) throw new ArchiveError(`${name} appears twice in the archive`);
    total += data.length;
    if (total > limits.maxUncompressedBytes) {
      throw new ArchiveError(`the archive unpacks to more than ${limits.maxUncompressedBytes} bytes`);
    }
    files.set(name, data);
  }
  return files;
}

export function zipArchive(files: ArchiveFiles): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, contents] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    entries[name] = typeof contents === "string" ? strToU8(contents) : contents;
  }
  // A fixed timestamp makes the same document always give the same bytes.
  return zipSync(entries, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) });
}

export const fileText = (contents: Uint8Array | string): string =>
  typeof contents === "string" ? contents : strFromU8(contents);
