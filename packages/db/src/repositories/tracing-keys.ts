/**
 * The registry's search keys: the shared normaliser of @athar/core, and the linkage engine's name keys
 * (comparison form, dictionary name, consonant skeleton), so that a search box forgives what the matcher
 * forgives: `Mhd`, `Mohamed` and `محمد`; `Abd al-Rahman` and `عبدالرحمن`.
 *
 * Stored keys must come from the same function as query keys: change the function, bump
 * SEARCH_KEY_VERSION, and run `athar registry reindex`.
 */
import { defaultNameDictionary, nameKeys } from "@athar/linkage";
import { coreSearchKeys, type KeyFunction } from "@athar/registry";

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
