import type { SearchLogEvent } from "./events";
import {
  type ClassFigures,
  type EvidenceResult,
  type PosPoint,
  SearchLogFold,
  type SearchState,
  type SegmentResult,
  type TimelineEntry,
} from "./fold";
import { type HeadlineFigures, headlineFigures } from "./headline";
import { searchLogHash } from "./log-hash";
import type { MethodClassId } from "./methods";
import type { SegmentKind } from "./segment";
import { type SensitivityAnalysis, sensitivityAnalysis } from "./sensitivity";
import type { UncertainValue } from "./uncertain-value";

/**
 * The coverage report as data: what was searched, how, how likely each search was to find a responsive or an
 * unresponsive person, where the probability that is left sits (unsearched spaces, hypotheses, ROW), on
 * which assumptions, how far the figures move under those assumptions, and the log hash that lets anyone
 * recompute it all. Rendering (HTML, PDF, Arabic and English) is done elsewhere from this structure.
 *
 * Rules kept here: a POD for a level or a site is the POA-weighted mean of its spaces' PODs (the share of the
 * probability there that the searches covered), never an unweighted average; every figure is a probability
 * in [0, 1], so no "coverage" can exceed 100%.
 */

export const SEARCH_ENGINE_VERSION = "athar-search/1";
export const COVERAGE_REPORT_FORMAT = "athar.coverage-report/1";

export interface AreaFigures {
  /** Share of the belief (before the searches) that lies here. */
  poaBeforeSearch: number;
  /** Share of the probability left now that lies here. */
  remaining: number;
  /** POA-weighted cumulative POD of the searches here, per class and combined. */
  pod: ClassFigures;
  /** Contribution to the cumulative POS: poaBeforeSearch × POD (combined). */
  pos: number;
  spaces: number;
  spacesSearched: number;
  hypotheses: number;
  subjectsFound: number;
}

export interface SpaceReport {
  segmentId: string;
  kind: SegmentKind;
  label?: string;
  areaM2?: number;
  reachable: boolean;
  poaBeforeSearch: number;
  remaining: number;
  pod: ClassFigures;
  searches: number;
  alerts: number;
  subjectsFound: number;
  methodsUsed: string[];
  capsReached: MethodClassId[];
  /** Hypotheses only. */
  pExistsPrior?: number;
  pExists?: number;
  podVoid?: number;
  resolved?: boolean;
}

export interface LevelReport extends AreaFigures {
  levelId: string | null;
  spaceReports: SpaceReport[];
}

export interface SiteReport extends AreaFigures {
  siteId: string | null;
  levels: LevelReport[];
}

export interface Assumption {
  id: string;
  kind: "method" | "method-class" | "mapping" | "evidence-likelihood" | "parameter" | "model";
  subject: string;
  value?: UncertainValue;
  /** Method classes: the cap on cumulative POD of correlated looks. */
  cap?: number;
  statement?: string;
  source: string;
  illustrative: boolean;
}

export interface CoverageReport {
  format: typeof COVERAGE_REPORT_FORMAT;
  engineVersion: string;
  logHash: string;
  eventCount: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
  headline: HeadlineFigures;
  classPosterior: { responsive: number; unresponsive: number };
  sites: SiteReport[];
  row: { remaining: number; poaBeforeSearch: number };
  assumptions: Assumption[];
  sensitivity: SensitivityAnalysis;
  evidence: EvidenceResult[];
  timeline: TimelineEntry[];
  posSeries: PosPoint[];
  warnings: string[];
}

const NO_ID = "\u0000";

/** Builds the report from a log. */
export function buildCoverageReport(events: readonly SearchLogEvent[]): CoverageReport {
  const fold = new SearchLogFold();
  fold.run(events);
  const state = fold.state();
  const sites = new Map<string, Map<string, SegmentResult[]>>();
  let row: SegmentResult | undefined;
  for (const result of state.segments) {
    if (result.segment.kind === "row") {
      row = result;
      continue;
    }
    const siteKey = result.segment.siteId ?? NO_ID;
    const levelKey = result.segment.levelId ?? NO_ID;
    let levels = sites.get(siteKey);
    if (!levels) {
      levels = new Map();
      sites.set(siteKey, levels);
    }
    let list = levels.get(levelKey);
    if (!list) {
      list = [];
      levels.set(levelKey, list);
    }
    list.push(result);
  }
  const siteReports: SiteReport[] = [...sites.entries()].map(([siteKey, levels]) => {
    const levelReports: LevelReport[] = [...levels.entries()].map(([levelKey, results]) => ({
      levelId: levelKey === NO_ID ? null : levelKey,
      ...aggregate(results),
      spaceReports: results.map(spaceReport),
    }));
    return {
      siteId: siteKey === NO_ID ? null : siteKey,
      ...aggregate([...levels.values()].flat()),
      levels: levelReports,
    };
  });
  return {
    format: COVERAGE_REPORT_FORMAT,
    engineVersion: SEARCH_ENGINE_VERSION,
    logHash: searchLogHash(events),
    eventCount: events.length,
    firstEventAt: events[0]?.at ?? null,
    lastEventAt: events.at(-1)?.at ?? null,
    headline: headlineFigures(state),
    classPosterior: state.classPosterior,
    sites: siteReports,
    row: { remaining: row?.poa ?? 0, poaBeforeSearch: row?.poaBeforeSearch ?? 0 },
    assumptions: assumptionsOf(state),
    sensitivity: sensitivityAnalysis(fold),
    evidence: state.evidence,
    timeline: state.timeline,
    posSeries: state.posSeries,
    warnings: state.warnings,
  };
}

function spaceReport(result: SegmentResult): SpaceReport {
  const { segment } = result;
  const report: SpaceReport = {
    segmentId: segment.id,
    kind: segment.kind,
    reachable: segment.reachable,
    poaBeforeSearch: result.poaBeforeSearch,
    remaining: result.poa,
    pod: { ...result.pod, combined: result.podCombined },
    searches: result.searches,
    alerts: result.alerts,
    subjectsFound: result.subjectsFound,
    methodsUsed: result.methodsUsed,
    capsReached: result.capsReached,
  };
  if (segment.label !== undefined) report.label = segment.label;
  if (segment.areaM2 !== undefined) report.areaM2 = segment.areaM2;
  if (result.pExistsPrior !== undefined) report.pExistsPrior = result.pExistsPrior;
  if (result.pExists !== undefined) report.pExists = result.pExists;
  if (result.podVoid !== undefined) report.podVoid = result.podVoid;
  if (result.resolved !== undefined) report.resolved = result.resolved;
  return report;
}

/** POA-weighted PODs: Σ POA_a·POD_a / Σ POA_a, per class with that class's POA. */
function aggregate(results: readonly SegmentResult[]): AreaFigures {
  let before = 0;
  let remaining = 0;
  let covered = 0;
  const classBefore = { responsive: 0, unresponsive: 0 };
  const classCovered = { responsive: 0, unresponsive: 0 };
  let spaces = 0;
  let spacesSearched = 0;
  let hypotheses = 0;
  let subjectsFound = 0;
  for (const result of results) {
    before += result.poaBeforeSearch;
    remaining += result.poa;
    covered += result.poaBeforeSearch * result.podCombined;
    for (const subjectClass of ["responsive", "unresponsive"] as const) {
      classBefore[subjectClass] += result.poaBeforeSearchByClass[subjectClass];
      classCovered[subjectClass] += result.poaBeforeSearchByClass[subjectClass] * result.pod[subjectClass];
    }
    if (result.segment.kind === "hypothesis") hypotheses++;
    else {
      spaces++;
      if (result.searches > 0) spacesSearched++;
    }
    subjectsFound += result.subjectsFound;
  }
  const ratio = (a: number, b: number): number => (b > 0 ? Math.min(1, a / b) : 0);
  return {
    poaBeforeSearch: before,
    remaining,
    pod: {
      responsive: ratio(classCovered.responsive, classBefore.responsive),
      unresponsive: ratio(classCovered.unresponsive, classBefore.unresponsive),
      combined: ratio(covered, before),
    },
    pos: covered,
    spaces,
    spacesSearched,
    hypotheses,
    subjectsFound,
  };
}

const MODEL_STATEMENTS: readonly { id: string; statement: string; source: string }[] = [
  {
    id: "model:detection-law",
    statement:
      "Each look detects a person who is there with POD = 1 − e^(−C) (random search); coverage C = sweep rate × hours / area.",
    source: "Koopman, Search and Screening (1946/1980); domain primer §4",
  },
  {
    id: "model:independence",
    statement:
      "Looks by different method classes are independent; looks by the same class share blind spots and their cumulative POD is capped per class.",
    source: "packages/search/README.md; domain primer §4",
  },
  {
    id: "model:single-subject",
    statement:
      "Probabilities describe one person not yet found; people already found are listed but do not lower the chance that someone else is still there.",
    source: "docs/decisions/search-found-people.md",
  },
  {
    id: "model:hypotheses",
    statement:
      "A suspected space holds a person only if it exists; searches for the space (radar, breach) change the probability that it exists, not the POS.",
    source: "docs/decisions/search-hypothesis-model.md",
  },
  {
    id: "model:echoes",
    statement:
      "Reports that repeat one original report count once, at the grade of the first record of the group.",
    source: "domain primer §4",
  },
];

function assumptionsOf(state: SearchState): Assumption[] {
  const assumptions: Assumption[] = [];
  const methodNames = new Map(state.methods.map((method) => [method.id, method.name]));
  for (const [id, value] of [...state.uncertainQuantities.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [prefix, subject, ...rest] = id.split(":");
    const what = rest.join(":");
    const kind: Assumption["kind"] =
      prefix === "method"
        ? "method"
        : prefix === "mapping"
          ? "mapping"
          : prefix === "evidence"
            ? "evidence-likelihood"
            : "parameter";
    const label =
      prefix === "method"
        ? `${methodNames.get(subject ?? "") ?? subject} ${what}`
        : `${subject ?? id}${what ? ` ${what}` : ""}`;
    assumptions.push({
      id,
      kind,
      subject: label,
      value,
      source: value.source,
      illustrative: value.illustrative,
    });
  }
  const classesUsed = new Set<MethodClassId>();
  for (const result of state.segments) {
    for (const methodId of result.methodsUsed) {
      const method = state.methods.find((m) => m.id === methodId);
      if (method) classesUsed.add(method.methodClass);
    }
  }
  for (const id of [...classesUsed].sort()) {
    const methodClass = state.methodClasses[id];
    assumptions.push({
      id: `method-class:${id}`,
      kind: "method-class",
      subject: methodClass.name,
      cap: methodClass.cap,
      statement: methodClass.reason,
      source: "Illustrative cap chosen by the Athar developers (method-class.changed to set it).",
      illustrative: true,
    });
  }
  for (const statement of MODEL_STATEMENTS) {
    assumptions.push({
      id: statement.id,
      kind: "model",
      subject: statement.id.slice(6),
      statement: statement.statement,
      source: statement.source,
      illustrative: false,
    });
  }
  return assumptions;
}
