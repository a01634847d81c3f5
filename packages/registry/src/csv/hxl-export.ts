/**
 * CSV export with HXL hashtags (Humanitarian Exchange Language, https://hxlstandard.org): a header row for
 * people, then a row of hashtags that HXL tools read, then one row per record. Restricted details (informants,
 * reporters, photographs) are never exported; names go out in both scripts. Attributes used: `+i_ar` for
 * Arabic script (HXL's language attribute), `+latin` for the Latin-script form, and descriptive ones
 * (`+given`, `+father`, `+birth`, `+arrest`…), which HXL allows freely.
 */
import { GOVERNORATE_LABELS } from "../governorates";
import { fullNameOf, type NameParts } from "../names";
import { formatPartialDate, type PartialDate } from "../partial-date";
import type { Person } from "../person";
import { csvLine } from "./csv-text";

type ExportedPerson = Omit<Person, "restricted">;

interface Column {
  header: string;
  hashtag: string;
  value(person: ExportedPerson): string;
}

const date = (value: PartialDate | null) => (value ? formatPartialDate(value) : "");
const part = (form: NameParts | null, key: keyof NameParts) => form?.[key] ?? "";
const mother = (form: NameParts | null) =>
  form ? [form.motherGiven, form.motherFamily].filter((p) => p !== null).join(" ") : "";

export const HXL_COLUMNS: readonly Column[] = [
  { header: "record_id", hashtag: "#person+id", value: (p) => p.id },
  { header: "cluster_id", hashtag: "#person+id+cluster", value: (p) => p.clusterId },
  { header: "name", hashtag: "#person+name", value: (p) => p.displayName },
  { header: "given_name_ar", hashtag: "#person+name+given+i_ar", value: (p) => part(p.name.arabic, "given") },
  {
    header: "father_name_ar",
    hashtag: "#person+name+father+i_ar",
    value: (p) => part(p.name.arabic, "father"),
  },
  {
    header: "grandfather_name_ar",
    hashtag: "#person+name+grandfather+i_ar",
    value: (p) => part(p.name.arabic, "grandfather"),
  },
  {
    header: "family_name_ar",
    hashtag: "#person+name+family+i_ar",
    value: (p) => part(p.name.arabic, "family"),
  },
  { header: "mother_name_ar", hashtag: "#person+name+mother+i_ar", value: (p) => mother(p.name.arabic) },
  {
    header: "full_name_latin",
    hashtag: "#person+name+latin",
    value: (p) => (p.name.latin ? fullNameOf(p.name.latin) : ""),
  },
  {
    header: "given_name_latin",
    hashtag: "#person+name+given+latin",
    value: (p) => part(p.name.latin, "given"),
  },
  {
    header: "father_name_latin",
    hashtag: "#person+name+father+latin",
    value: (p) => part(p.name.latin, "father"),
  },
  {
    header: "grandfather_name_latin",
    hashtag: "#person+name+grandfather+latin",
    value: (p) => part(p.name.latin, "grandfather"),
  },
  {
    header: "family_name_latin",
    hashtag: "#person+name+family+latin",
    value: (p) => part(p.name.latin, "family"),
  },
  { header: "mother_name_latin", hashtag: "#person+name+mother+latin", value: (p) => mother(p.name.latin) },
  {
    header: "other_names",
    hashtag: "#person+name+alt",
    value: (p) => p.otherNames.map((o) => `${o.kind}: ${o.text}`).join("; "),
  },
  { header: "sex", hashtag: "#person+sex", value: (p) => (p.sex === "unknown" ? "" : p.sex) },
  { header: "birth_date", hashtag: "#date+birth", value: (p) => date(p.birthDate) },
  { header: "birth_place", hashtag: "#loc+birth", value: (p) => p.birthPlace ?? "" },
  {
    header: "governorate",
    hashtag: "#adm1+name",
    value: (p) => (p.governorate ? GOVERNORATE_LABELS[p.governorate].en : ""),
  },
  { header: "national_id", hashtag: "#person+id+national", value: (p) => p.nationalId ?? "" },
  { header: "arrest_date", hashtag: "#date+arrest", value: (p) => date(p.detention.arrestDate) },
  { header: "arrest_place", hashtag: "#loc+arrest", value: (p) => p.detention.arrestPlace ?? "" },
  { header: "facility", hashtag: "#loc+facility", value: (p) => p.detention.facility ?? "" },
  {
    header: "prisoner_number",
    hashtag: "#person+id+prisoner",
    value: (p) => p.detention.prisonerNumber ?? "",
  },
  { header: "cell", hashtag: "#loc+cell", value: (p) => p.detention.cell ?? "" },
  { header: "last_seen_place", hashtag: "#loc+last_seen", value: (p) => p.detention.lastSeenPlace ?? "" },
  { header: "last_seen_date", hashtag: "#date+last_seen", value: (p) => date(p.detention.lastSeenDate) },
  { header: "status", hashtag: "#status+person", value: (p) => p.currentStatus.status },
  { header: "source_kind", hashtag: "#meta+source+type", value: (p) => p.source.kind },
  { header: "source_reference", hashtag: "#meta+source", value: (p) => p.source.reference },
  { header: "updated_at", hashtag: "#date+updated", value: (p) => p.updatedAt },
];

export const hxlHeaderLines = (): string =>
  `${csvLine(HXL_COLUMNS.map((c) => c.header))}\r\n${csvLine(HXL_COLUMNS.map((c) => c.hashtag))}\r\n`;

export const hxlRow = (person: ExportedPerson): string =>
  `${csvLine(HXL_COLUMNS.map((column) => column.value(person)))}\r\n`;

export function personsToHxlCsv(persons: Iterable<ExportedPerson>): string {
  let out = hxlHeaderLines();
  for (const person of persons) out += hxlRow(person);
  return out;
}
