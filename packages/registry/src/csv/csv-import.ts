/**
 * Importing a typed-up register: a CSV file, a mapping from its columns to record fields, and a source
 * that every row shares. Each row becomes a new person record or a list of errors naming the row, the
 * column and the field. The caller shows the preview and commits only a file without errors.
 */
import { normalizeArabic } from "@athar/core";
import { z } from "zod";
import { parseGovernorate } from "../governorates";
import { type NamePart, type OtherNameKind, type PersonName, placeNamePart } from "../names";
import { type PartialDate, PartialDateError, parsePartialDate } from "../partial-date";
import { type PersonCreate, personCreateSchema, type Sex } from "../person";
import { type RecordSource, recordSourceSchema, type SourceKind } from "../sources";
import type { PersonStatus, StatementSource, StatusStatementInput } from "../status";
import { CsvSyntaxError, parseCsv } from "./csv-text";

export const CSV_TARGETS = [
  "external_id",
  "given_name",
  "father_name",
  "grandfather_name",
  "family_name",
  "mother_given_name",
  "mother_family_name",
  "mother_name",
  "alternate_names",
  "kunya",
  "nickname",
  "sex",
  "birth_date",
  "birth_place",
  "governorate",
  "national_id",
  "arrest_date",
  "arrest_place",
  "facility",
  "prisoner_number",
  "cell",
  "last_seen_place",
  "last_seen_date",
  "status",
  "status_date",
  "description",
] as const;
export type CsvTarget = (typeof CSV_TARGETS)[number];

export const csvMappingSchema = z.record(z.string().max(200), z.enum([...CSV_TARGETS, "ignore"]));
export type CsvMapping = z.infer<typeof csvMappingSchema>;

export const MAX_IMPORT_ROWS = 50_000;

export const csvImportOptionsSchema = z.strictObject({
  content: z.string().min(1),
  /** Column header → field. Columns not named here are ignored; omitted, the mapping is suggested. */
  mapping: csvMappingSchema.optional(),
  /** What every row shares: "Register B-3 recovered in the east wing", collected on… */
  source: recordSourceSchema,
  /** The system the external ids belong to; defaults to the source reference. */
  externalSystem: z.string().trim().min(1).max(200).optional(),
  delimiter: z.enum([",", ";", "\t"]).default(","),
});
export type CsvImportOptions = z.infer<typeof csvImportOptionsSchema>;

export interface CsvFieldError {
  /** 1-based data row (the header is row 0). */
  row: number;
  /** Line of the file where the row starts. */
  line: number;
  /** The file's column header, or "" for an error about the whole row. */
  column: string;
  /** The record field, or the target the column is mapped to. */
  field: string;
  message: string;
}

export interface CsvImportRow {
  row: number;
  line: number;
  person: PersonCreate | null;
  errors: CsvFieldError[];
}

export interface CsvImportResult {
  headers: string[];
  mapping: CsvMapping;
  rows: CsvImportRow[];
  errors: CsvFieldError[];
}

// Header spellings (compared after normalisation) that suggest a target. Note that in Syrian usage
// الكنية is the family name (surname), not the kunya.
const HEADER_ALIASES: Readonly<Record<string, CsvTarget>> = {
  id: "external_id",
  recordid: "external_id",
  externalid: "external_id",
  givenname: "given_name",
  firstname: "given_name",
  name: "given_name",
  الاسم: "given_name",
  اسم: "given_name",
  fathername: "father_name",
  father: "father_name",
  اسمالاب: "father_name",
  الاب: "father_name",
  grandfathername: "grandfather_name",
  grandfather: "grandfather_name",
  اسمالجد: "grandfather_name",
  الجد: "grandfather_name",
  familyname: "family_name",
  surname: "family_name",
  lastname: "family_name",
  الكنيه: "family_name",
  العائله: "family_name",
  اسمالعائله: "family_name",
  الشهره: "family_name",
  mothername: "mother_name",
  mother: "mother_name",
  اسمالام: "mother_name",
  الام: "mother_name",
  mothergivenname: "mother_given_name",
  motherfamilyname: "mother_family_name",
  alternatenames: "alternate_names",
  kunya: "kunya",
  nickname: "nickname",
  اللقب: "nickname",
  sex: "sex",
  gender: "sex",
  الجنس: "sex",
  birthdate: "birth_date",
  dateofbirth: "birth_date",
  dob: "birth_date",
  تاريخالولاده: "birth_date",
  تاريخالميلاد: "birth_date",
  الميلاد: "birth_date",
  مكانالميلاد: "birth_place",
  محلالولاده: "birth_place",
  المواليد: "birth_date",
  birthplace: "birth_place",
  placeofbirth: "birth_place",
  مكانالولاده: "birth_place",
  governorate: "governorate",
  المحافظه: "governorate",
  nationalid: "national_id",
  nationalnumber: "national_id",
  الرقمالوطني: "national_id",
  arrestdate: "arrest_date",
  تاريخالاعتقال: "arrest_date",
  arrestplace: "arrest_place",
  مكانالاعتقال: "arrest_place",
  facility: "facility",
  branch: "facility",
  الفرع: "facility",
  prisonernumber: "prisoner_number",
  رقمالسجين: "prisoner_number",
  الرقم: "prisoner_number",
  cell: "cell",
  الزنزانه: "cell",
  المهجع: "cell",
  lastseenplace: "last_seen_place",
  lastseendate: "last_seen_date",
  status: "status",
  الحاله: "status",
  statusdate: "status_date",
  description: "description",
  notes: "description",
  ملاحظات: "description",
};

const headerKey = (header: string) =>
  normalizeArabic(header)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

/** A mapping from the headers that look like known fields; everything else is ignored. */
export function suggestMapping(headers: readonly string[]): CsvMapping {
  const mapping: CsvMapping = {};
  const used = new Set<CsvTarget>();
  for (const header of headers) {
    const target = (CSV_TARGETS as readonly string[]).includes(header)
      ? (header as CsvTarget)
      : HEADER_ALIASES[headerKey(header)];
    if (target && !used.has(target)) {
      mapping[header] = target;
      used.add(target);
    } else {
      mapping[header] = "ignore";
    }
  }
  return mapping;
}

const SEX_VALUES: Readonly<Record<string, Sex>> = {
  m: "male",
  male: "male",
  man: "male",
  ذكر: "male",
  ذ: "male",
  f: "female",
  female: "female",
  woman: "female",
  انثي: "female",
  امراه: "female",
  ا: "female",
  unknown: "unknown",
  u: "unknown",
  غيرمعروف: "unknown",
};

const STATUS_VALUES: Readonly<Record<string, PersonStatus>> = {
  sought: "sought",
  missing: "sought",
  مفقود: "sought",
  alive: "alive",
  living: "alive",
  released: "alive",
  حي: "alive",
  deceased: "deceased",
  dead: "deceased",
  متوفي: "deceased",
  متوفى: "deceased",
  unknown: "unknown",
  مجهول: "unknown",
  غيرمعروف: "unknown",
};

const STATEMENT_SOURCE_OF: Readonly<Record<SourceKind, StatementSource>> = {
  freed_at_gate: "team_observation",
  rescued_in_search: "team_observation",
  found_dead: "team_observation",
  document: "document",
  inquiry: "family",
  witness: "witness",
  exchange: "exchange",
  other: "other",
};

const NAME_TARGETS: Partial<Record<CsvTarget, NamePart>> = {
  given_name: "given",
  father_name: "father",
  grandfather_name: "grandfather",
  family_name: "family",
  mother_given_name: "motherGiven",
  mother_family_name: "motherFamily",
};
const OTHER_NAME_TARGETS: Partial<Record<CsvTarget, OtherNameKind>> = {
  alternate_names: "alternate",
  kunya: "kunya",
  nickname: "nickname",
};

class CellError extends Error {}

function readDate(value: string): PartialDate | null {
  try {
    return parsePartialDate(value);
  } catch (error) {
    if (error instanceof PartialDateError) throw new CellError(error.message);
    throw error;
  }
}

/** Reads the file and maps every row; never throws for bad rows, only reports them. */
export function readCsvImport(options: CsvImportOptions): CsvImportResult {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(options.content, options.delimiter);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const problem: CsvFieldError = {
      row: 0,
      line: error.line,
      column: "",
      field: "",
      message: error.message,
    };
    return { headers: [], mapping: {}, rows: [], errors: [problem] };
  }
  const [header, ...data] = table;
  if (!header) {
    const problem: CsvFieldError = { row: 0, line: 1, column: "", field: "", message: "the file is empty" };
    return { headers: [], mapping: {}, rows: [], errors: [problem] };
  }
  const headers = header.cells.map((h) => h.trim());
  const mapping = options.mapping ?? suggestMapping(headers);
  const errors: CsvFieldError[] = [];
  for (const column of Object.keys(mapping)) {
    if (!headers.includes(column)) {
      errors.push({
        row: 0,
        line: header.line,
        column,
        field: mapping[column] ?? "",
        message: `the mapping names a column "${column}" that the file does not have`,
      });
    }
  }
  const targets = new Map<CsvTarget, number[]>();
  headers.forEach((h, index) => {
    const target = mapping[h];
    if (target === undefined || target === "ignore") return;
    targets.set(target, [...(targets.get(target) ?? []), index]);
  });
  for (const [target, columns] of targets) {
    if (columns.length > 1 && !OTHER_NAME_TARGETS[target]) {
      errors.push({
        row: 0,
        line: header.line,
        column: columns.map((c) => headers[c]).join(", "),
        field: target,
        message: `several columns are mapped to ${target}`,
      });
    }
  }
  if (data.length > MAX_IMPORT_ROWS) {
    errors.push({
      row: 0,
      line: header.line,
      column: "",
      field: "",
      message: `the file has ${data.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`,
    });
  }
  if (errors.length > 0) return { headers, mapping, rows: [], errors };

  const seenExternal = new Map<string, number>();
  const rows = data.map((csvRow, index) =>
    readRow(csvRow.cells, index + 1, csvRow.line, headers, targets, options, seenExternal),
  );
  return { headers, mapping, rows, errors: rows.flatMap((r) => r.errors) };
}

function readRow(
  cells: readonly string[],
  row: number,
  line: number,
  headers: readonly string[],
  targets: ReadonlyMap<CsvTarget, number[]>,
  options: CsvImportOptions,
  seenExternal: Map<string, number>,
): CsvImportRow {
  const errors: CsvFieldError[] = [];
  if (cells.length !== headers.length) {
    errors.push({
      row,
      line,
      column: "",
      field: "",
      message: `the row has ${cells.length} cells; the header has ${headers.length}`,
    });
    return { row, line, person: null, errors };
  }
  let name: PersonName = { arabic: null, latin: null };
  const otherNames: { kind: OtherNameKind; text: string }[] = [];
  const values: Record<string, unknown> = {};
  const detention: Record<string, unknown> = {};
  let status: PersonStatus | null = null;
  let statusDate: PartialDate | null = null;
  let externalId: string | null = null;

  for (const [target, columns] of targets) {
    for (const columnIndex of columns) {
      const column = headers[columnIndex] as string;
      const value = (cells[columnIndex] ?? "").trim();
      if (value === "") continue;
      try {
        const part = NAME_TARGETS[target];
        const otherKind = OTHER_NAME_TARGETS[target];
        if (part) {
          name = placeNamePart(name, part, value);
        } else if (otherKind) {
          // Alternate names may be a list: one per line or separated by ";".
          for (const text of value.split(/[;\n]/))
            if (text.trim()) otherNames.push({ kind: otherKind, text: text.trim() });
        } else {
          switch (target) {
            case "external_id": {
              const earlier = seenExternal.get(value);
              if (earlier !== undefined) throw new CellError(`the id "${value}" is also on row ${earlier}`);
              seenExternal.set(value, row);
              externalId = value;
              break;
            }
            case "mother_name": {
              const words = value.split(/\s+/);
              const family = words.length > 1 ? (words.pop() as string) : null;
              name = placeNamePart(name, "motherGiven", words.join(" "));
              if (family) name = placeNamePart(name, "motherFamily", family);
              break;
            }
            case "sex": {
              const sex = SEX_VALUES[headerKey(value)];
              if (!sex) throw new CellError(`"${value}" is not a sex (male/female, ذكر/أنثى)`);
              values.sex = sex;
              break;
            }
            case "birth_date":
              values.birthDate = readDate(value);
              break;
            case "birth_place":
              values.birthPlace = value;
              break;
            case "governorate": {
              const governorate = parseGovernorate(value);
              if (!governorate) throw new CellError(`"${value}" is not a Syrian governorate`);
              values.governorate = governorate;
              break;
            }
            case "national_id":
              values.nationalId = value;
              break;
            case "arrest_date":
              detention.arrestDate = readDate(value);
              break;
            case "arrest_place":
              detention.arrestPlace = value;
              break;
            case "facility":
              detention.facility = value;
              break;
            case "prisoner_number":
              detention.prisonerNumber = value;
              break;
            case "cell":
              detention.cell = value;
              break;
            case "last_seen_place":
              detention.lastSeenPlace = value;
              break;
            case "last_seen_date":
              detention.lastSeenDate = readDate(value);
              break;
            case "status": {
              const parsed = STATUS_VALUES[headerKey(value)] ?? STATUS_VALUES[normalizeArabic(value).trim()];
              if (!parsed)
                throw new CellError(`"${value}" is not a status (sought, alive, deceased, unknown)`);
              status = parsed;
              break;
            }
            case "status_date":
              statusDate = readDate(value);
              break;
            case "description":
              values.description = value;
              break;
          }
        }
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        errors.push({ row, line, column, field: target, message: error.message });
      }
    }
  }
  if (errors.length > 0) return { row, line, person: null, errors };

  const source: RecordSource = {
    ...options.source,
    external:
      externalId === null
        ? null
        : { system: options.externalSystem ?? (options.source.reference || "csv import"), id: externalId },
  };
  const statuses: StatusStatementInput[] =
    status === null
      ? []
      : [
          {
            status,
            source: STATEMENT_SOURCE_OF[options.source.kind],
            sourceReference: `${options.source.reference}${options.source.reference ? ", " : ""}row ${row}`,
            statedOn: statusDate ?? options.source.collectedOn,
            documented: options.source.kind === "document",
            note: "",
          },
        ];
  const parsed = personCreateSchema.safeParse({ ...values, source, name, otherNames, detention, statuses });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".");
      errors.push({
        row,
        line,
        column: columnForPath(field, headers, targets),
        field,
        message: issue.message,
      });
    }
    return { row, line, person: null, errors };
  }
  return { row, line, person: parsed.data, errors };
}

const PATH_TARGETS: readonly [RegExp, CsvTarget][] = [
  [/^name\.\w+\.given/, "given_name"],
  [/^name\.\w+\.father/, "father_name"],
  [/^name\.\w+\.grandfather/, "grandfather_name"],
  [/^name\.\w+\.family/, "family_name"],
  [/^name\.\w+\.mother/, "mother_name"],
  [/^nationalId/, "national_id"],
  [/^birthPlace/, "birth_place"],
  [/^detention\.prisonerNumber/, "prisoner_number"],
  [/^detention\.cell/, "cell"],
  [/^detention\.facility/, "facility"],
  [/^detention\.arrestPlace/, "arrest_place"],
  [/^detention\.lastSeenPlace/, "last_seen_place"],
  [/^otherNames/, "alternate_names"],
  [/^description/, "description"],
];

/** The file column behind a record field path, so that a schema error names the column the user sees. */
function columnForPath(
  path: string,
  headers: readonly string[],
  targets: ReadonlyMap<CsvTarget, number[]>,
): string {
  for (const [pattern, target] of PATH_TARGETS) {
    if (!pattern.test(path)) continue;
    const columns =
      targets.get(target) ?? (target === "mother_name" ? targets.get("mother_given_name") : undefined);
    const index = columns?.[0];
    if (index !== undefined) return headers[index] ?? "";
  }
  return "";
}
