/**
 * Records encoded for comparison: one column per compared field, plus each record's id and source. Records
 * from two sources being linked live in one set (source 0 and 1), so that they share value tables and term
 * frequencies.
 */
import { AtharError } from "@athar/core";
import { csvError, forEachCsvRow } from "./csv";
import { CategoryField } from "./fields/category-field";
import { DateField } from "./fields/date-field";
import type { Field } from "./fields/field";
import { IdentifierField } from "./fields/identifier-field";
import { NameField } from "./fields/name-field";
import { TextField } from "./fields/text-field";
import { columnOf, type FieldSettings, type LinkageSettings } from "./settings";

function createField(settings: FieldSettings): Field {
  switch (settings.type) {
    case "name":
      return new NameField(settings.name, {
        fuzzyHigh: settings.fuzzyHigh,
        fuzzyLow: settings.fuzzyLow,
        crossFields: settings.alsoCompareWith.length > 0,
      });
    case "text":
      return new TextField(settings.name, { fuzzyHigh: settings.fuzzyHigh, fuzzyLow: settings.fuzzyLow });
    case "date":
      return new DateField(settings.name, { format: settings.format, lenient: settings.lenient });
    case "identifier":
      return new IdentifierField(settings.name);
    case "category":
      return new CategoryField(settings.name, settings.aliases);
  }
}

/** A record as a map from column name to cell text. */
export type RecordValues = Readonly<Record<string, string | undefined>>;

export class RecordSet {
  readonly ids: string[] = [];
  /** Source of each record: 0 for a single file or the left file, 1 for the right file. */
  readonly sources: number[] = [];
  readonly fields: readonly Field[];
  private readonly columns: readonly string[];

  constructor(readonly settings: LinkageSettings) {
    this.fields = settings.fields.map(createField);
    this.columns = settings.fields.map(columnOf);
    const byName = new Map(this.fields.map((field) => [field.name, field]));
    settings.fields.forEach((fieldSettings, index) => {
      if (fieldSettings.type !== "name" || fieldSettings.alsoCompareWith.length === 0) return;
      const field = this.fields[index] as NameField;
      field.setPartners(fieldSettings.alsoCompareWith.map((name) => byName.get(name) as NameField));
    });
  }

  get size(): number {
    return this.ids.length;
  }

  field(name: string): Field {
    const found = this.fields.find((field) => field.name === name);
    if (found === undefined) throw new RangeError(`no field named ${name}`);
    return found;
  }

  /**
   * Adds one record. Throws AtharError("import_invalid") naming the field when a value cannot be read; the
   * `where` callback adds the file and line.
   */
  add(id: string, values: RecordValues, source = 0, where?: (column: string) => string): number {
    return this.addWith(id, (f) => values[this.columns[f] as string], source, where);
  }

  /**
   * Adds a record that does not count towards term frequencies (a query), to be dropped with truncate().
   */
  addQuery(id: string, values: RecordValues, source = 1): number {
    return this.addWith(id, (f) => values[this.columns[f] as string], source, undefined, false);
  }

  /** Drops the records from `size` on. */
  truncate(size: number): void {
    this.ids.length = size;
    this.sources.length = size;
    for (const field of this.fields) field.truncate(size);
  }

  /** Adds one record whose value for field f is cell(f). */
  private addWith(
    id: string,
    cell: (field: number) => string | undefined,
    source: number,
    where: ((column: string) => string) | undefined,
    count = true,
  ): number {
    const index = this.ids.length;
    for (let f = 0; f < this.fields.length; f++) {
      const field = this.fields[f] as Field;
      try {
        field.push(cell(f), count);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        // Keep the columns aligned before reporting.
        for (let g = f; g < this.fields.length; g++) {
          const other = this.fields[g] as Field;
          if (other.size === index) other.push(undefined, count);
        }
        this.ids.push(id);
        this.sources.push(source);
        const column = this.columns[f] as string;
        const place = where ? where(column) : `record ${id}, field "${column}"`;
        throw new AtharError("import_invalid", `${place}: ${error.message}`, [
          { path: place, message: error.message },
        ]);
      }
    }
    this.ids.push(id);
    this.sources.push(source);
    return index;
  }

  /**
   * Reads CSV text into the set. The id column is required and ids must be unique within the file; columns
   * of fields that the file lacks count as missing values. Errors name the source, line and field.
   */
  addCsv(text: string, options: { source: string; sourceIndex?: number }): { added: number } {
    const sourceIndex = options.sourceIndex ?? 0;
    let idIndex = -1;
    let fieldIndexes: number[] = [];
    const seen = new Set<string>();
    let added = 0;
    const idColumn = this.settings.idColumn;
    const checkHeader = (header: readonly string[]) => {
      idIndex = header.indexOf(idColumn);
      if (idIndex < 0) {
        throw csvError(
          options.source,
          1,
          `"${idColumn}"`,
          `the id column "${idColumn}" is missing from the header`,
        );
      }
      fieldIndexes = this.columns.map((column) => header.indexOf(column));
    };
    const onRow = (row: readonly string[], line: number) => {
      const id = row[idIndex] ?? "";
      if (id === "") throw csvError(options.source, line, `"${idColumn}"`, "the record has no id");
      if (seen.has(id)) throw csvError(options.source, line, `"${idColumn}"`, `id "${id}" appears twice`);
      seen.add(id);
      this.addWith(
        id,
        (f) => {
          const index = fieldIndexes[f] as number;
          return index < 0 ? undefined : row[index];
        },
        sourceIndex,
        (column) => `${options.source}, line ${line}, field "${column}"`,
      );
      added++;
    };
    forEachCsvRow(text, { source: options.source, trim: this.settings.trim }, onRow, checkHeader);
    return { added };
  }
}
