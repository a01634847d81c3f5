/**
 * Calls of the site-analysis API: IMDF import (raw zip upload) and export, hidden-space candidates,
 * hypotheses, breach-aware routes and breaching assignments. Shapes follow
 * packages/server/src/routes/site-analysis-schemas.ts.
 */
import type { ErrorDetail, Level, Point, Space, SpaceKind } from "@athar/core";
import { ApiError, errorFromBody, queryString, request } from "./client";

export const VOID_REASON_KEYS = [
  "unexplained_area",
  "thick_wall",
  "stairs_continue_below",
  "opening_to_nothing",
  "twin_wing_mismatch",
] as const;
export type VoidReason = (typeof VOID_REASON_KEYS)[number];

export interface ImportProblem {
  severity: "error" | "warning";
  file: string;
  featureId: string | null;
  rule: string;
  message: string;
}

export interface ImportTotals {
  buildings: number;
  levels: number;
  spaces: number;
  openings: number;
  walls: number;
  footprints: number;
  relationships: number;
}

export interface ImportPreview {
  site: { id: string; name: string; description: string; refLat: number | null; refLon: number | null };
  language: string;
  totals: ImportTotals;
  otherFiles: string[];
  levels: {
    id: string;
    buildingId: string;
    name: string;
    ordinal: number;
    status: string;
    spaces: Partial<Record<SpaceKind, number>>;
    suspectedSpaces: number;
    openings: number;
    walls: number;
    hasOutline: boolean;
  }[];
  warnings: ImportProblem[];
  idsInUse: number;
  source: { name: string; sha256: string; bytes: number };
  target: { siteId: string; empty: boolean } | null;
  keptBesideModel: string[];
}

export interface ImportOutcome {
  siteId: string;
  createdSite: boolean;
  keptIds: boolean;
  totals: ImportTotals;
  warnings: number;
}

export interface VoidCandidate {
  id: string;
  buildingId: string;
  levelId: string | null;
  levelOrdinal: number;
  polygon: Point[];
  areaM2: number;
  inscribedRadiusM: number;
  score: number;
  reasons: VoidReason[];
  evidence: { reason: VoidReason; strength: number; detail: string; featureIds: string[] }[];
  suspectedSpaceId: string | null;
}

export interface VoidsAnswer {
  planVersion: string;
  importedFrom: { name: string; sha256: string; importedAt: string } | null;
  candidates: VoidCandidate[];
  levels: {
    levelId: string;
    resolutionM: number;
    residualAreaM2: number;
    interiorWallM: number | null;
    exteriorWallM: number | null;
    roomWidthThresholdM: number;
    skipped: string | null;
  }[];
  scoreIsCalibrated: false;
}

export interface HypothesisAnswer {
  segmentId: string;
  eventId: string;
  prior: number;
  space: Space | null;
  level: Level | null;
}

export interface TimeRange {
  min: number;
  likely: number;
  max: number;
}

export interface RoutePlace {
  id: string;
  kind: "outside" | "space" | "candidate";
  /** English (the server's); build the shown name from the fields below. */
  label: string;
  name: string | null;
  spaceKind: string | null;
  areaM2: number | null;
  levelId: string | null;
  levelName: string | null;
  levelOrdinal: number | null;
  point: Point | null;
}

export type RouteStepKind =
  | "opening"
  | "wall_breach"
  | "slab_breach"
  | "stairs"
  | "shaft"
  | "relationship"
  | "unknown_stairs";

export interface RouteStep {
  from: string;
  to: string;
  kind: RouteStepKind;
  featureId: string | null;
  mode: string;
  breach: boolean;
  time: TimeRange;
  detail: string;
  via: Point | null;
  viaLevelId: string | null;
  /** The opening's kind (door, hatch …) or the stairs' space kind, and its name, when the step uses one. */
  featureKind: string | null;
  featureName: string | null;
}

export type RouteObjective = "fastest" | "fewest_breaches" | "fastest_within_breaches";

export interface PlannedRoute {
  objective: RouteObjective;
  maxBreaches: number | null;
  steps: RouteStep[];
  total: { time: TimeRange; breaches: number };
}

export interface RouteOptions {
  tool: "hand" | "power" | "hydraulic";
  capability: "light" | "medium" | "heavy";
  keys: boolean;
  badges: boolean;
  codes: boolean;
  power: "on" | "off";
}

export interface RouteAnswer {
  planVersion: string;
  from: RoutePlace;
  to: RoutePlace;
  places: Record<string, RoutePlace>;
  fastest: PlannedRoute | null;
  fewestBreaches: PlannedRoute | null;
  withinBreaches: PlannedRoute | null;
  options: RouteOptions;
  costsIllustrative: boolean;
}

export interface BreachCostRow {
  target: "wall" | "slab" | "door";
  material: string;
  thicknessM: number;
  tool: string;
  capability: string;
  minutes: TimeRange;
  source: string;
  illustrative: boolean;
}

export interface BreachCosts {
  table: { illustrative: boolean; breaching: BreachCostRow[] };
  defaults: RouteOptions & { defaultWallMaterial: string; slabMaterial: string; slabThicknessM: number };
  illustrative: boolean;
  note: string;
}

export interface BreachingAssignment {
  assignment: { id: string; title: string; status: string; plannedMinutes: number; warnings: string[] };
  breachTasks: { id: string; description: string; openingId: string | null }[];
  route: PlannedRoute;
}

/** Import problems carried by a 422 import_invalid answer (one detail per problem). */
export function importProblemsOf(error: unknown): ImportProblem[] {
  if (!(error instanceof ApiError) || error.code !== "import_invalid") return [];
  return error.details.map((detail: ErrorDetail & Partial<ImportProblem>) => {
    const rule = detail.rule ?? "";
    // The server prefixes the message with the rule, for clients that show only the message.
    const prefix = `${rule}: `;
    return {
      severity: detail.severity ?? "error",
      file: detail.file ?? detail.path ?? "",
      featureId: detail.featureId ?? null,
      rule,
      message:
        rule && detail.message.startsWith(prefix) ? detail.message.slice(prefix.length) : detail.message,
    };
  });
}

/** Sends a file's bytes (the server's upload rule: a non-JSON body needs the x-athar-csrf header). */
async function upload<T>(path: string, file: Blob): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/zip", "x-athar-csrf": "1" },
      body: file,
      credentials: "same-origin",
    });
  } catch (cause) {
    throw new ApiError("network_error", 0, cause instanceof Error ? cause.message : "network error");
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    throw new ApiError("bad_response", response.status, "the answer is not JSON");
  }
  if (!response.ok) throw errorFromBody(response.status, parsed);
  return parsed as T;
}

const id = (value: string): string => encodeURIComponent(value);

export interface ImportQuery {
  siteId?: string;
  name?: string;
  fileName?: string;
}

export const siteAnalysisApi = {
  previewImport: (file: Blob, query: ImportQuery) =>
    upload<ImportPreview>(`/api/site-imports/preview${queryString({ ...query })}`, file),
  commitImport: (file: Blob, query: ImportQuery) =>
    upload<ImportOutcome>(`/api/site-imports${queryString({ ...query })}`, file),
  exportUrl: (siteId: string) => `/api/sites/${id(siteId)}/imdf.zip`,

  voids: (siteId: string) => request<VoidsAnswer>("GET", `/api/sites/${id(siteId)}/voids`),
  makeHypothesis: (
    siteId: string,
    body: { candidateId: string; prior: number; createSpace: boolean; planVersion?: string },
  ) => request<HypothesisAnswer>("POST", `/api/sites/${id(siteId)}/voids/hypotheses`, body),

  route: (siteId: string, from: string, to: string, maxBreaches: number | null, options: RouteOptions) =>
    request<RouteAnswer>(
      "GET",
      `/api/sites/${id(siteId)}/route${queryString({
        from,
        to,
        maxBreaches: maxBreaches ?? undefined,
        tool: options.tool,
        capability: options.capability,
        keys: String(options.keys),
        badges: String(options.badges),
        codes: String(options.codes),
        power: options.power,
      })}`,
    ),
  breachCosts: (siteId: string) => request<BreachCosts>("GET", `/api/sites/${id(siteId)}/breach-costs`),
  createBreachingAssignment: (
    siteId: string,
    body: {
      from: string;
      to: string;
      objective: RouteObjective;
      maxBreaches?: number;
      options: RouteOptions;
    },
  ) => request<BreachingAssignment>("POST", `/api/sites/${id(siteId)}/route/assignment`, body),
};
