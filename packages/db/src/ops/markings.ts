/**
 * The INSARAG marking a field report implies, as a team would paint it (INSARAG Guidelines 2020, Vol. II
 * Manual B, "Worksite marking" and "Victim marking"; the primer's §3):
 * - worksite box, about 1.2 m × 1 m: the worksite ID inside; one line per completed ASR level inside,
 *   "TEAM-ID – ASR n – date"; hazards written above the box; the triage category (A, B, C, D) below it;
 *   a horizontal line through the whole marking when no further work is needed at the worksite;
 * - victim marks: a large "V" where potential victims are (live or dead), with "L-n" (confirmed live) and
 *   "D-n" (confirmed deceased) under it.
 * Pure: no I/O, so that a phone could render the same marking offline.
 */

export type TriageCategory = "A" | "B" | "C" | "D";
export type AsrLevel = 1 | 2 | 3 | 4 | 5;

export interface AsrEntry {
  teamCallSign: string;
  level: AsrLevel;
  /** ISO date-time the level was completed. */
  at: string;
}

export interface VictimMark {
  /** Always "V": the location of potential victims. */
  mark: "V";
  /** Under the V: "L-n" and/or "D-n"; empty while nobody is confirmed (an alert). */
  lines: string[];
}

export interface WorksiteMarking {
  segmentId: string;
  label: string;
  worksiteId: string;
  hazards: string[];
  asr: AsrEntry[];
  triage: TriageCategory | null;
  noFurtherWork: boolean;
  victims: VictimMark[];
  /** The marking as monospace text, box drawn with characters. */
  text: string;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** "09 DEC 2024": day and month cannot be confused across countries. Dates are UTC. */
export function markingDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${day} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function victimMark(live: number, deceased: number): VictimMark {
  const lines: string[] = [];
  if (live > 0) lines.push(`L-${live}`);
  if (deceased > 0) lines.push(`D-${deceased}`);
  return { mark: "V", lines };
}

/**
 * Worksite triage from what was found (Manual B: A/B confirmed live victims, under/over 12 hours of work;
 * C possible live victims; D deceased only). With live people found and no category given, A: a live rescue
 * is never put behind by a default.
 */
export function triageOf(
  found: { live: number; deceased: number; alert: boolean },
  given?: TriageCategory,
): TriageCategory | null {
  if (given) return given;
  if (found.live > 0) return "A";
  if (found.alert) return "C";
  if (found.deceased > 0) return "D";
  return null;
}

export function renderMarking(marking: Omit<WorksiteMarking, "text">): string {
  const inside = [
    marking.worksiteId,
    ...marking.asr.map((e) => `${e.teamCallSign} - ASR ${e.level} - ${markingDate(e.at)}`),
  ];
  const width = Math.max(16, ...inside.map((line) => line.length)) + 2;
  const lines: string[] = [];
  for (const hazard of marking.hazards) lines.push(` ${hazard.toUpperCase()}`);
  lines.push(`┌${"─".repeat(width)}┐`);
  for (const line of inside) lines.push(`│ ${line.padEnd(width - 1)}│`);
  lines.push(`└${"─".repeat(width)}┘`);
  if (marking.triage) lines.push(` ${marking.triage}`);
  for (const victim of marking.victims) lines.push(` ${[victim.mark, ...victim.lines].join(" ")}`);
  if (marking.noFurtherWork) lines.push(`${"━".repeat(width + 2)}  (line through: no further work)`);
  return lines.join("\n");
}

export function worksiteMarking(marking: Omit<WorksiteMarking, "text">): WorksiteMarking {
  return { ...marking, text: renderMarking(marking) };
}
