/**
 * CSV as RFC 4180 describes it: comma-separated fields, fields in double quotes may hold commas, line
 * breaks and doubled quotes; lines end in CRLF or LF. A UTF-8 byte-order mark (spreadsheets write one) is
 * skipped. Each row keeps the line it starts on, so that errors can name it.
 */

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

export function parseCsv(text: string, delimiter = ","): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let cellStarted = false;
  const endCell = () => {
    cells.push(cell);
    cell = "";
    cellStarted = false;
  };
  const endRow = () => {
    endCell();
    // A blank line is not a row of one empty cell.
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
    cells = [];
  };
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text.charAt(i + 1) === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text.charAt(i);
        if (next !== "" && next !== delimiter && next !== "\r" && next !== "\n") {
          throw new CsvSyntaxError(
            line,
            `a quoted field must end at a "${delimiter}" or at the end of the line`,
          );
        }
        continue;
      }
      if (c === "\n") line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
      i++;
      continue;
    }
    if (c === delimiter) {
      endCell();
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && text.charAt(i + 1) === "\n" ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    cell += c;
    cellStarted = true;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(rowLine, "a quoted field is not closed");
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}

/** Quotes a cell when it holds a delimiter, a quote or a line break; a leading = + - @ is defused. */
export function csvCell(value: string): string {
  // Spreadsheets run cells that start with these as formulas (CSV injection); a leading apostrophe stops it.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(",");
}
