/**
 * Records of the synthetic population as different sources would hold them: Arabic or Latin script, spelling
 * variants, typing errors, missing fields, partial and approximate birth dates, the father's and
 * grandfather's names exchanged now and then. Each record carries its truth (person, household), so a
 * benchmark can score a linkage exactly.
 */
import { type Random, seededRandom } from "@athar/core";
import { generatePopulation, type Population, type SyntheticName, type SyntheticPerson } from "./population";
import { arabicHabits, digitTypo, respellLatin, typo } from "./spelling";
import { chance } from "./weighted";

export interface SyntheticRecord {
  readonly id: string;
  /** Truth: the person this record is about. */
  readonly person: number;
  /** Truth: the household (siblings share it). */
  readonly household: number;
  readonly values: {
    readonly given_name: string;
    readonly father_name: string;
    readonly grandfather_name: string;
    readonly family_name: string;
    readonly mother_name: string;
    readonly sex: string;
    readonly birth_date: string;
    readonly birth_place: string;
    readonly national_id: string;
  };
}

/** How a source writes its records. All rates are probabilities per record (or per field). */
export interface SourceStyle {
  /** Share of records written in Latin script (the rest in Arabic). */
  readonly latinShare: number;
  /** Chance of a typing error in each name field. */
  readonly typoRate: number;
  /** Chance that a Latin name is respelled beyond the usual spellings. */
  readonly respellRate: number;
  readonly missing: {
    readonly given_name: number;
    readonly father_name: number;
    readonly grandfather_name: number;
    readonly family_name: number;
    readonly mother_name: number;
    readonly sex: number;
    readonly birth_date: number;
    readonly birth_place: number;
    readonly national_id: number;
  };
}

export const DEFAULT_STYLE: SourceStyle = {
  latinShare: 0.4,
  typoRate: 0.04,
  respellRate: 0.15,
  missing: {
    given_name: 0.01,
    father_name: 0.04,
    grandfather_name: 0.4,
    family_name: 0.04,
    mother_name: 0.3,
    sex: 0.05,
    birth_date: 0.08,
    birth_place: 0.35,
    national_id: 0.55,
  },
};

const ARABIC_ARTICLE = "ال";

function writeName(
  name: SyntheticName,
  latin: boolean,
  style: SourceStyle,
  random: Random,
  family: boolean,
): string {
  let text: string;
  if (!latin) {
    text = arabicHabits(name.arabic, random);
    if (family && text.startsWith(ARABIC_ARTICLE) && chance(random, 0.3)) text = text.slice(2);
  } else {
    // The first spelling is the most common; the others share the rest.
    const spellings = name.latin;
    text = chance(random, 0.5)
      ? (spellings[0] as string)
      : (spellings[Math.floor(random.next() * spellings.length)] as string);
    if (chance(random, style.respellRate)) text = respellLatin(text, random);
    if (family) {
      const article = /^(?:al|el)-/i.exec(text);
      if (article) {
        const rest = text.slice(article[0].length);
        const form = random.next();
        text =
          form < 0.3
            ? rest
            : form < 0.45
              ? `Al ${rest}`
              : form < 0.55
                ? `El-${rest}`
                : form < 0.65
                  ? `Al${rest.toLowerCase()}`
                  : text;
      }
    }
    if (chance(random, 0.1)) text = text.toUpperCase();
  }
  if (chance(random, style.typoRate)) text = typo(text, random);
  return text;
}

const pad = (n: number) => String(n).padStart(2, "0");

function writeBirthDate(person: SyntheticPerson, random: Random): string {
  let { birthYear: year, birthMonth: month, birthDay: day } = person;
  const error = random.next();
  if (error < 0.02) year += chance(random, 0.5) ? 1 : -1;
  else if (error < 0.03 && day <= 12 && day !== month) [month, day] = [day, month];
  else if (error < 0.06) {
    const digits = digitTypo(`${pad(month)}${pad(day)}`, random);
    const m = Number(digits.slice(0, 2));
    const d = Number(digits.slice(2, 4));
    if (m >= 1 && m <= 12 && d >= 1 && d <= 28) {
      month = m;
      day = d;
    }
  }
  const form = random.next();
  if (form < 0.55) return `${year}-${pad(month)}-${pad(day)}`;
  if (form < 0.65) return `${year}-${pad(month)}`;
  if (form < 0.9) return String(year);
  const estimate = year + Math.floor(random.next() * 5) - 2;
  return random.next() < 0.6 ? `about ${estimate}` : `حوالي ${estimate}`;
}

function writeSex(sex: "m" | "f", latin: boolean, random: Random): string {
  if (!latin) return sex === "m" ? "ذكر" : "أنثى";
  return chance(random, 0.5) ? sex : sex === "m" ? "male" : "female";
}

export function renderRecord(
  person: SyntheticPerson,
  id: string,
  style: SourceStyle,
  random: Random,
): SyntheticRecord {
  const latin = chance(random, style.latinShare);
  const missing = style.missing;
  const maybe = (rate: number, make: () => string): string => (chance(random, rate) ? "" : make());
  let father = maybe(missing.father_name, () => writeName(person.father, latin, style, random, false));
  let grandfather = maybe(missing.grandfather_name, () =>
    writeName(person.grandfather, latin, style, random, false),
  );
  if (father !== "" && grandfather !== "" && chance(random, 0.02))
    [father, grandfather] = [grandfather, father];
  const mother = maybe(missing.mother_name, () => {
    const given = writeName(person.motherGiven, latin, style, random, false);
    return chance(random, 0.3)
      ? `${given} ${writeName(person.motherFamily, latin, style, random, true)}`
      : given;
  });
  let nationalId = maybe(missing.national_id, () => person.nationalId);
  if (nationalId !== "" && chance(random, 0.03)) nationalId = digitTypo(nationalId, random);
  return {
    id,
    person: person.person,
    household: person.household,
    values: {
      given_name: maybe(missing.given_name, () => writeName(person.given, latin, style, random, false)),
      father_name: father,
      grandfather_name: grandfather,
      family_name: maybe(missing.family_name, () => writeName(person.family, latin, style, random, true)),
      mother_name: mother,
      sex: maybe(missing.sex, () => writeSex(person.sex, latin, random)),
      birth_date: maybe(missing.birth_date, () => writeBirthDate(person, random)),
      birth_place: maybe(missing.birth_place, () =>
        latin ? person.birthPlace.latin : arabicHabits(person.birthPlace.arabic, random),
      ),
      national_id: nationalId,
    },
  };
}

export interface DedupeSetOptions {
  readonly seed: number;
  /** Number of records to produce (about; the last person's records may add one or two). */
  readonly records: number;
  /** Share of people with more than one record. */
  readonly duplicateShare?: number;
  readonly style?: SourceStyle;
}

export interface SyntheticSet {
  readonly records: readonly SyntheticRecord[];
  readonly population: Population;
}

/** One file with duplicates: a register typed up from several lists. Records are in random order. */
export function generateDedupeSet(options: DedupeSetOptions): SyntheticSet {
  const random = seededRandom(options.seed ^ 0x5eed);
  const duplicateShare = options.duplicateShare ?? 0.3;
  const style = options.style ?? DEFAULT_STYLE;
  const expectedPerPerson = 1 + duplicateShare * 1.3;
  const population = generatePopulation({
    seed: options.seed,
    persons: Math.ceil((options.records / expectedPerPerson) * 1.05) + 10,
  });
  const records: SyntheticRecord[] = [];
  for (const person of population.persons) {
    if (records.length >= options.records) break;
    const copies = chance(random, duplicateShare) ? (chance(random, 0.7) ? 2 : 3) : 1;
    for (let c = 0; c < copies && records.length < options.records; c++) {
      records.push(renderRecord(person, "", style, random));
    }
  }
  // Shuffle (Fisher–Yates), then number, so that ids say nothing about identity.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [records[i], records[j]] = [records[j] as SyntheticRecord, records[i] as SyntheticRecord];
  }
  const width = String(records.length).length;
  return {
    records: records.map((record, index) => ({
      ...record,
      id: `r${String(index + 1).padStart(width, "0")}`,
    })),
    population,
  };
}

export interface LinkSetOptions {
  readonly seed: number;
  /** Number of people in the left source. */
  readonly persons: number;
  /** Share of the left source's people who are also in the right source. */
  readonly overlap?: number;
  readonly leftStyle?: SourceStyle;
  readonly rightStyle?: SourceStyle;
}

/**
 * Two sources to link (each person at most once per source): the left one mostly in Arabic (a register found
 * in a facility), the right one mostly in Latin script (an aid organisation's list).
 */
export function generateLinkSet(options: LinkSetOptions): {
  left: readonly SyntheticRecord[];
  right: readonly SyntheticRecord[];
  population: Population;
} {
  const random = seededRandom(options.seed ^ 0x1111);
  const overlap = options.overlap ?? 0.5;
  const leftStyle = options.leftStyle ?? { ...DEFAULT_STYLE, latinShare: 0.15 };
  const rightStyle = options.rightStyle ?? { ...DEFAULT_STYLE, latinShare: 0.75 };
  const rightOnly = Math.round(options.persons * (1 - overlap));
  const population = generatePopulation({ seed: options.seed, persons: options.persons + rightOnly });
  const left: SyntheticRecord[] = [];
  const right: SyntheticRecord[] = [];
  population.persons.forEach((person, index) => {
    if (index < options.persons) {
      left.push(renderRecord(person, `L${index + 1}`, leftStyle, random));
      if (chance(random, overlap))
        right.push(renderRecord(person, `R${right.length + 1}`, rightStyle, random));
    } else {
      right.push(renderRecord(person, `R${right.length + 1}`, rightStyle, random));
    }
  });
  return { left, right, population };
}

export const SYNTHETIC_COLUMNS = [
  "id",
  "given_name",
  "father_name",
  "grandfather_name",
  "family_name",
  "mother_name",
  "sex",
  "birth_date",
  "birth_place",
  "national_id",
] as const;

/** The record as a row of the `syrian-person` columns. */
export function syntheticRow(record: SyntheticRecord): string[] {
  const v = record.values;
  return [
    record.id,
    v.given_name,
    v.father_name,
    v.grandfather_name,
    v.family_name,
    v.mother_name,
    v.sex,
    v.birth_date,
    v.birth_place,
    v.national_id,
  ];
}
