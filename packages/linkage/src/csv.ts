/**
 * CSV reading and writing (RFC 4180): fields separated by commas, records by CRLF or LF, fields that contain a
 * comma, a quote or a line break enclosed in double quotes, a quote inside a quoted field doubled. A UTF-8 byte
 * order mark at the start is dropped. Every error names the source, the line and the field, because the people
 * who fix a typed-up register need to find the cell.
 */
import { AtharError } from "@athar/core";

export interface CsvParseOptions {
  /** Name of the file or upload, used in error messages. */
  readonly source?: string;
  /** Trim spaces around unquoted values (FEBRL writes `a, b, c`). Quoted values keep their spaces. */
  readonly trim?: boolean;
  /** Treat the first record as the header and require every row to have as many fields. Default true. */
  readonly header?: boolean;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line on which each row starts (a quoted field may span lines). */
  readonly lines: readonly number[];
}

/** Error from reading CSV; `details[0].path` is `source:line:field`. */
export function csvError(source: string, line: number, field: string, message: string): AtharError {
  return new AtharError("import_invalid", `${source}, line ${line}, field ${field}: ${message}`, [
    { path: `${source}:${line}:${field}`, message },
  ]);
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Calls `onRow(fields, line)` for each record after the header, and returns the header. Streams over one
 * string so that a million-row file does not become ten million retained strings at once.
 */
export function forEachCsvRow(
  text: string,
  options: CsvParseOptions,
  onRow: (fields: string[], line: number) => void,
  onHeader?: (header: readonly string[]) => void,
): string[] {
  const source = options.source ?? "input";
  const trim = options.trim ?? false;
  const wantHeader = options.header ?? true;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  let line = 1;
  let header: string[] | undefined;
  const fieldName = (index: number): string => {
    const name = header?.[index];
    return name === undefined || name === "" ? `#${index + 1}` : `"${name}"`;
  };

  while (position < length) {
    const rowLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      // Leading spaces before an opening quote are allowed when trimming (FEBRL style `, "x"`).
      if (trim) {
        while (
          position < length &&
          (text.charCodeAt(position) === SPACE || text.charCodeAt(position) === TAB)
        )
          position++;
      }
      if (position < length && text.charCodeAt(position) === QUOTE) {
        const quoteLine = line;
        position++;
        let value = "";
        let chunkStart = position;
        for (;;) {
          const next = text.indexOf('"', position);
          if (next < 0) {
            throw csvError(source, quoteLine, fieldName(fields.length), "quoted field is never closed");
          }
          for (let k = position; k < next; k++) if (text.charCodeAt(k) === LF) line++;
          if (text.charCodeAt(next + 1) === QUOTE) {
            value += text.slice(chunkStart, next + 1);
            position = next + 2;
            chunkStart = position;
            continue;
          }
          value += text.slice(chunkStart, next);
          position = next + 1;
          break;
        }
        if (trim) {
          while (
            position < length &&
            (text.charCodeAt(position) === SPACE || text.charCodeAt(position) === TAB)
          )
            position++;
        }
        const after = position < length ? text.charCodeAt(position) : LF;
        if (after !== COMMA && after !== LF && after !== CR) {
          throw csvError(source, line, fieldName(fields.length), "unexpected text after a closing quote");
        }
        fields.push(value);
      } else {
        const start = position;
        let end = position;
        while (end < length) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw csvError(source, line, fieldName(fields.length), "a quote inside an unquoted field");
          }
          end++;
        }
        let valueEnd = end;
        if (trim) {
          while (
            valueEnd > start &&
            (text.charCodeAt(valueEnd - 1) === SPACE || text.charCodeAt(valueEnd - 1) === TAB)
          )
            valueEnd--;
        }
        fields.push(text.slice(start, valueEnd));
        position = end;
      }
      const c = position < length ? text.charCodeAt(position) : -1;
      if (c === COMMA) {
        position++;
        continue;
      }
      // End of record: LF, CRLF, a lone CR, or the end of the text.
      if (c === CR) {
        position++;
        if (position < length && text.charCodeAt(position) === LF) position++;
      } else if (c === LF) {
        position++;
      }
      line++;
      endOfRecord = true;
    }
    const blank = fields.length === 1 && fields[0] === "";
    if (blank) continue;
    if (wantHeader && header === undefined) {
      header = fields;
      onHeader?.(header);
      continue;
    }
    if (header !== undefined && fields.length !== header.length) {
      throw csvError(
        source,
        rowLine,
        fieldName(Math.min(fields.length, header.length)),
        `row has ${fields.length} fields but the header has ${header.length}`,
      );
    }
    onRow(fields, rowLine);
  }
  if (wantHeader && header === undefined) throw csvError(source, 1, "#1", "the file is empty: no header row");
  return header ?? [];
}

/** Reads a whole CSV text into memory. */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  const header = forEachCsvRow(text, options, (fields, line) => {
    rows.push(fields);
    lines.push(line);
  });
  return { header, rows, lines };
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as RFC 4180 text: quoted only when it must be (comma, quote, line break, edge space). */
export function formatCsvField(value: string | number): string {
  const text = typeof value === "number" ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with CRLF, as RFC 4180 says. */
export function formatCsvRow(fields: readonly (string | number)[]): string {
  return `${fields.map(formatCsvField).join(",")}\r\n`;
}

export function writeCsv(header: readonly string[], rows: Iterable<readonly (string | number)[]>): string {
  const parts = [formatCsvRow(header)];
  for (const row of rows) parts.push(formatCsvRow(row));
  return parts.join("");
}
