/**
 * A synthetic Syrian population with known truth: clans (a grandfather and his sons, sharing the family
 * name), each son's household (a mother with her own family name, and children who share father,
 * grandfather, family and mother — only given name and birth date tell them apart; twins share the birth
 * date too), common and rare names drawn with a skewed frequency. Invented from generic name lists and root
 * patterns only: no real person is in it.
 */
import { seededRandom } from "@athar/core";
import { NAME_LIST, type NameListEntry } from "../names/name-list";
import { type InventedName, inventFamilyNames } from "./invented-family-names";
import { chance, WeightedChoice } from "./weighted";

/** A name as the generator knows it: Arabic script and Latin spellings (most common first). */
export interface SyntheticName {
  readonly arabic: string;
  readonly latin: readonly string[];
  /** From the dictionary (known to the matcher) or invented. */
  readonly known: boolean;
}

export interface Place {
  readonly arabic: string;
  readonly latin: string;
}

export interface SyntheticPerson {
  readonly person: number;
  /** Household: same father and mother. Siblings share it. */
  readonly household: number;
  /** Clan: same grandfather and family name. Cousins share it. */
  readonly clan: number;
  readonly sex: "m" | "f";
  readonly given: SyntheticName;
  readonly father: SyntheticName;
  readonly grandfather: SyntheticName;
  readonly family: SyntheticName;
  readonly motherGiven: SyntheticName;
  readonly motherFamily: SyntheticName;
  readonly birthYear: number;
  readonly birthMonth: number;
  readonly birthDay: number;
  readonly birthPlace: Place;
  readonly nationalId: string;
  readonly twin: boolean;
}

const PLACES: readonly Place[] = [
  { arabic: "دمشق", latin: "Damascus" },
  { arabic: "حلب", latin: "Aleppo" },
  { arabic: "حمص", latin: "Homs" },
  { arabic: "حماة", latin: "Hama" },
  { arabic: "اللاذقية", latin: "Latakia" },
  { arabic: "طرطوس", latin: "Tartus" },
  { arabic: "إدلب", latin: "Idlib" },
  { arabic: "درعا", latin: "Daraa" },
  { arabic: "السويداء", latin: "As-Suwayda" },
  { arabic: "القنيطرة", latin: "Quneitra" },
  { arabic: "دير الزور", latin: "Deir ez-Zor" },
  { arabic: "الرقة", latin: "Raqqa" },
  { arabic: "الحسكة", latin: "Al-Hasakah" },
  { arabic: "القامشلي", latin: "Qamishli" },
  { arabic: "دوما", latin: "Douma" },
  { arabic: "داريا", latin: "Darayya" },
  { arabic: "الزبداني", latin: "Zabadani" },
  { arabic: "منبج", latin: "Manbij" },
  { arabic: "جبلة", latin: "Jableh" },
  { arabic: "بانياس", latin: "Baniyas" },
  { arabic: "تدمر", latin: "Palmyra" },
  { arabic: "سلمية", latin: "Salamiyah" },
  { arabic: "معرة النعمان", latin: "Maarat al-Numan" },
  { arabic: "البوكمال", latin: "Abu Kamal" },
];
const PLACE_WEIGHTS = [20, 18, 10, 8, 6, 4, 6, 5, 3, 1, 5, 4, 4, 3, 3, 2, 1, 2, 1, 1, 1, 1, 2, 1];

const CHILDREN = new WeightedChoice([1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 15, 19, 19, 15, 10, 6, 4, 2]);
const SONS = new WeightedChoice([1, 2, 3, 4], [35, 30, 22, 13]);

const fromEntry = (entry: NameListEntry): SyntheticName => ({
  arabic: entry.arabic,
  latin: entry.latin,
  known: true,
});
const fromInvented = (name: InventedName): SyntheticName => ({
  arabic: name.arabic,
  latin: [name.latin],
  known: false,
});

export interface PopulationOptions {
  readonly seed: number;
  /** Number of people (children of the generated households) to produce at least. */
  readonly persons: number;
}

export interface Population {
  readonly persons: readonly SyntheticPerson[];
  readonly places: readonly Place[];
}

export function generatePopulation(options: PopulationOptions): Population {
  const random = seededRandom(options.seed);
  const male = NAME_LIST.filter((entry) => entry.kind === "m");
  const female = NAME_LIST.filter((entry) => entry.kind === "f");
  const listed = NAME_LIST.filter((entry) => entry.kind === "n");
  const maleNames = new WeightedChoice(
    male.map(fromEntry),
    male.map((entry) => entry.weight),
  );
  const femaleNames = new WeightedChoice(
    female.map(fromEntry),
    female.map((entry) => entry.weight),
  );
  // Family names: the listed common ones plus invented ones with a long Zipf tail, so that a few names are
  // very common and most are rare, as in any real population.
  const invented = inventFamilyNames(Math.max(500, Math.ceil(options.persons / 12)), random);
  const familyNames = new WeightedChoice<SyntheticName>(
    [...listed.map(fromEntry), ...invented.map(fromInvented)],
    [...listed.map((entry) => entry.weight * 0.6), ...invented.map((_, rank) => 40 / (rank + 20))],
  );
  const places = new WeightedChoice(PLACES, PLACE_WEIGHTS);

  const persons: SyntheticPerson[] = [];
  const nationalIds = new Set<string>();
  let household = 0;
  let clan = 0;
  const newNationalId = (): string => {
    for (;;) {
      // Syrian national numbers are 11 digits; these are random, not any real number scheme.
      let digits = String(1 + Math.floor(random.next() * 9));
      for (let d = 0; d < 10; d++) digits += String(Math.floor(random.next() * 10));
      if (!nationalIds.has(digits)) {
        nationalIds.add(digits);
        return digits;
      }
    }
  };
  // Brothers and sisters never share a given name (the generator's rule; real families rarely do).
  const pickDistinct = (choice: WeightedChoice<SyntheticName>, taken: Set<string>): SyntheticName => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = choice.pick(random);
      if (!taken.has(name.arabic)) {
        taken.add(name.arabic);
        return name;
      }
    }
    const name = choice.items.find((item) => !taken.has(item.arabic)) ?? choice.pick(random);
    taken.add(name.arabic);
    return name;
  };

  while (persons.length < options.persons) {
    clan++;
    const family = familyNames.pick(random);
    const grandfather = maleNames.pick(random);
    const sons = SONS.pick(random);
    const brothers = new Set<string>();
    const clanPlace = places.pick(random);
    for (let s = 0; s < sons && persons.length < options.persons; s++) {
      household++;
      const father = pickDistinct(maleNames, brothers);
      const motherGiven = femaleNames.pick(random);
      const motherFamily = familyNames.pick(random);
      const children = CHILDREN.pick(random);
      let year = 1960 + Math.floor(random.next() * 40);
      const taken = new Set<string>([father.arabic]);
      let previous: { year: number; month: number; day: number } | undefined;
      for (let c = 0; c < children && persons.length < options.persons; c++) {
        const sex = chance(random, 0.5) ? "m" : "f";
        const twin = previous !== undefined && chance(random, 0.015);
        let month: number;
        let day: number;
        if (twin && previous) {
          ({ year, month, day } = previous);
        } else {
          if (previous) year += 1 + Math.floor(random.next() * 3);
          month = 1 + Math.floor(random.next() * 12);
          // Registers put many unknown birthdays on 1 January.
          day = chance(random, 0.08) ? 1 : 1 + Math.floor(random.next() * 28);
          if (day === 1 && chance(random, 0.5)) month = 1;
        }
        previous = { year, month, day };
        const place = chance(random, 0.8) ? clanPlace : places.pick(random);
        persons.push({
          person: persons.length,
          household,
          clan,
          sex,
          given: pickDistinct(sex === "m" ? maleNames : femaleNames, taken),
          father,
          grandfather,
          family,
          motherGiven,
          motherFamily,
          birthYear: year,
          birthMonth: month,
          birthDay: day,
          birthPlace: place,
          nationalId: newNationalId(),
          twin,
        });
      }
    }
  }
  return { persons, places: PLACES };
}
