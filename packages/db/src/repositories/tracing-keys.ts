/**
 * The registry's search keys: the shared normaliser of @athar/core, and the linkage engine's name keys
 * (comparison form, dictionary name, consonant skeleton), so that a search box forgives what the matcher
 * forgives: `Mhd`, `Mohamed` and `محمد`; `Abd al-Rahman` and `عبدالرحمن`.
 *
 * Stored keys must come from the same function as query keys: change the function, bump
 * SEARCH_KEY_VERSION, and run `athar registry reindex`.
 */
import { defaultNameDictionary, nameKeys } from "@athar/linkage";
import { coreSearchKeys, type KeyFunction, type PartialDate, type PersonName } from "@athar/registry";

export const SEARCH_KEY_VERSION = 1;

export const registrySearchKeys: KeyFunction = (unit) => {
  const keys = coreSearchKeys(unit);
  const linkage = nameKeys(unit);
  if (linkage) {
    keys.push(`l:${linkage.normalized}`, `s:${linkage.skeleton}`);
    // The dictionary name by its Arabic form, not its list index, so that a longer list keeps old keys valid.
    const dictionary = defaultNameDictionary();
    for (const name of linkage.names) keys.push(`i:${dictionary.arabicForm(name)}`);
  }
  return keys;
};

/**
 * Blocking keys: the combinations of name parts (by consonant skeleton, so across scripts and spellings)
 * and birth year under which two records are compared at all, after the linkage engine's `syrian-person`
 * rules. Several rules, so that one typo or one missing part cannot hide a match. Stored with the search
 * keys as `b:<rule>:<values>`; an estimated birth year ("about 1985") gives a key for each year it allows.
 */
const BLOCKING_RULES: readonly (readonly BlockingPart[])[] = [
  ["given", "family", "father"],
  ["given", "family", "year"],
  ["given", "father", "year"],
  ["given", "mother", "year"],
  ["father", "mother", "family"],
  ["given", "family"],
];
type BlockingPart = "given" | "father" | "family" | "mother" | "year";

export function blockingKeys(record: { name: PersonName; birthDate: PartialDate | null }): string[] {
  const keys = new Set<string>();
  const years = record.birthDate
    ? Array.from({ length: 2 * record.birthDate.uncertaintyYears + 1 }, (_, i) =>
        String(
          (record.birthDate as PartialDate).year - (record.birthDate as PartialDate).uncertaintyYears + i,
        ),
      )
    : [];
  for (const form of [record.name.arabic, record.name.latin]) {
    if (!form) continue;
    const skeleton = (value: string | null) => (value === null ? null : (nameKeys(value)?.skeleton ?? null));
    const parts: Record<Exclude<BlockingPart, "year">, string | null> = {
      given: skeleton(form.given),
      father: skeleton(form.father),
      family: skeleton(form.family),
      mother: skeleton(form.motherGiven),
    };
    BLOCKING_RULES.forEach((rule, index) => {
      const named = rule.filter((p): p is Exclude<BlockingPart, "year"> => p !== "year").map((p) => parts[p]);
      if (named.some((v) => v === null)) return;
      const stem = `b:${index}:${named.join("|")}`;
      if (!rule.includes("year")) keys.add(stem);
      else for (const year of years) keys.add(`${stem}|${year}`);
    });
  }
  return [...keys];
}

/** The rule a blocking key belongs to (`b:3:…` → 3). */
export const blockingRuleOf = (key: string): number => Number(key.slice(2, key.indexOf(":", 2)));
