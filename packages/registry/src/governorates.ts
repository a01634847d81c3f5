/**
 * Syria's fourteen governorates (muhafazat). Stored as stable slugs; the labels and the spellings that
 * registers use are here so that imports can read either script.
 */
import { foldLatin, joinArabicCompounds, normalizeArabic } from "@athar/core";

export const GOVERNORATES = [
  "damascus",
  "rif_dimashq",
  "aleppo",
  "homs",
  "hama",
  "latakia",
  "tartus",
  "idlib",
  "raqqa",
  "deir_ez_zor",
  "hasakah",
  "daraa",
  "suwayda",
  "quneitra",
] as const;
export type Governorate = (typeof GOVERNORATES)[number];

export const GOVERNORATE_LABELS: Readonly<Record<Governorate, { ar: string; en: string }>> = {
  damascus: { ar: "دمشق", en: "Damascus" },
  rif_dimashq: { ar: "ريف دمشق", en: "Rif Dimashq" },
  aleppo: { ar: "حلب", en: "Aleppo" },
  homs: { ar: "حمص", en: "Homs" },
  hama: { ar: "حماة", en: "Hama" },
  latakia: { ar: "اللاذقية", en: "Latakia" },
  tartus: { ar: "طرطوس", en: "Tartus" },
  idlib: { ar: "إدلب", en: "Idlib" },
  raqqa: { ar: "الرقة", en: "Raqqa" },
  deir_ez_zor: { ar: "دير الزور", en: "Deir ez-Zor" },
  hasakah: { ar: "الحسكة", en: "Al-Hasakah" },
  daraa: { ar: "درعا", en: "Daraa" },
  suwayda: { ar: "السويداء", en: "As-Suwayda" },
  quneitra: { ar: "القنيطرة", en: "Quneitra" },
};

/** Latin spellings seen in documents besides the label (compared after folding, without spaces or dashes). */
const LATIN_VARIANTS: Readonly<Record<Governorate, readonly string[]>> = {
  damascus: ["dimashq", "damas", "sham", "alsham"],
  rif_dimashq: ["rifdimashq", "rifdamascus", "reefdimashq", "damascuscountryside", "ruraldamascus"],
  aleppo: ["halab", "alep"],
  homs: ["hims"],
  hama: ["hamah", "hamat"],
  latakia: ["lattakia", "ladhiqiyah", "allathiqiyah", "lattaquie"],
  tartus: ["tartous", "tortosa"],
  idlib: ["idleb"],
  raqqa: ["raqqah", "arraqqah", "alraqqa", "rakka"],
  deir_ez_zor: ["deirezzor", "deirazzor", "dayrazzawr", "deirezzur", "deirelzor"],
  hasakah: ["hasaka", "alhasakah", "hassakeh", "alhasaka"],
  daraa: ["deraa", "dara"],
  suwayda: ["assuwayda", "sweida", "suwaida", "alsuwayda", "sweyda"],
  quneitra: ["qunaytirah", "kuneitra", "alqunaytirah"],
};

const compactLatin = (text: string) => foldLatin(text).replace(/[^a-z]/g, "");
const compactArabic = (text: string) => joinArabicCompounds(normalizeArabic(text)).replace(/\s+/g, "");

const LOOKUP: ReadonlyMap<string, Governorate> = (() => {
  const map = new Map<string, Governorate>();
  for (const slug of GOVERNORATES) {
    const label = GOVERNORATE_LABELS[slug];
    map.set(slug.replace(/_/g, ""), slug);
    map.set(compactLatin(label.en), slug);
    map.set(compactArabic(label.ar), slug);
    for (const variant of LATIN_VARIANTS[slug]) map.set(variant, slug);
  }
  return map;
})();

/** Reads a governorate in Arabic or Latin script, with or without "محافظة" (governorate of); null when unknown. */
export function parseGovernorate(raw: string): Governorate | null {
  const arabic = compactArabic(raw).replace(/^محافظه/, "");
  const byArabic = LOOKUP.get(arabic);
  if (byArabic) return byArabic;
  const latin = compactLatin(raw).replace(/^(governorate|muhafazat|mohafazat)(of)?/, "");
  return LOOKUP.get(latin) ?? null;
}
