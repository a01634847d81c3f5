/** IMDF LABELS: an object of language tag → text. */
import type { Labels } from "../model/plan-document";

export function readLabels(value: unknown): Labels | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const labels: Labels = {};
  for (const [language, text] of Object.entries(value)) if (typeof text === "string") labels[language] = text;
  return Object.keys(labels).length > 0 ? labels : null;
}

/** The label in the archive's language, else its base language, else English, else the first one. */
export function pickLabel(labels: Labels | null, language: string): string | null {
  if (!labels) return null;
  const base = language.split("-")[0] ?? language;
  return labels[language] ?? labels[base] ?? labels.en ?? Object.values(labels)[0] ?? null;
}

/** Labels to write: the kept labels with the (possibly edited) name under the document language. */
export function writeLabels(labels: Labels | null, name: string, language: string): Labels | null {
  if (!name && !labels) return null;
  const result: Labels = { ...(labels ?? {}) };
  if (name) {
    // Keep the key the name was read from, so an English-only archive does not gain a second label.
    const base = language.split("-")[0] ?? language;
    const key = language in result ? language : base in result ? base : "en" in result ? "en" : language;
    result[key] = name;
  }
  return Object.keys(result).length > 0 ? result : null;
}
