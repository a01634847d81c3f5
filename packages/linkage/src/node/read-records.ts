/**
 * Reading record files from disk into a RecordSet (Node only).
 */
import { readFileSync } from "node:fs";
import { AtharError } from "@athar/core";
import { RecordSet } from "../record-set";
import type { LinkageSettings } from "../settings";

export interface RecordFile {
  readonly path: string;
  /** 0 for a single file or the left file, 1 for the right file. */
  readonly sourceIndex: number;
  /** Name used in error messages (default: the path). */
  readonly name?: string;
}

export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new AtharError("import_invalid", `${path}: cannot read the file (${reason})`, [
      { path, message: `cannot read the file (${reason})` },
    ]);
  }
}

export function readRecordFiles(settings: LinkageSettings, files: readonly RecordFile[]): RecordSet {
  const records = new RecordSet(settings);
  for (const file of files) {
    records.addCsv(readText(file.path), { source: file.name ?? file.path, sourceIndex: file.sourceIndex });
  }
  return records;
}
