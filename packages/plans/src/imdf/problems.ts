/**
 * What is wrong with an archive, one problem per finding, each naming the file, the feature and the rule it
 * breaks. Errors stop an import (nothing is imported); warnings are reported alongside a successful one.
 */

export const IMPORT_RULES = [
  "archive_unreadable",
  "missing_file",
  "invalid_json",
  "not_feature_collection",
  "not_feature",
  "wrong_feature_type",
  "invalid_uuid",
  "duplicate_id",
  "wrong_geometry_type",
  "invalid_coordinates",
  "invalid_polygon",
  "hole_outside_polygon",
  "missing_property",
  "invalid_property",
  "invalid_extension",
  "dangling_reference",
  "venue_count",
  "unit_outside_level",
  "unit_outside_footprint",
  "opening_off_level",
  "opening_not_on_unit",
  "manifest_invalid",
  "too_far_from_reference",
] as const;
export type ImportRule = (typeof IMPORT_RULES)[number];

export interface ImportProblem {
  severity: "error" | "warning";
  /** File inside the archive (`unit.geojson`, `manifest.json`). */
  file: string;
  /** The feature's id when the problem is one feature's (as written, even when it is not a valid UUID). */
  featureId: string | null;
  rule: ImportRule;
  message: string;
}

export const describeProblem = (p: ImportProblem): string =>
  `${p.file}${p.featureId ? ` feature ${p.featureId}` : ""}: ${p.rule}: ${p.message}`;

/** Collects problems while reading; `error`/`warning` return nothing so call sites stay one line. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];

  error(file: string, featureId: string | null, rule: ImportRule, message: string): void {
    this.problems.push({ severity: "error", file, featureId, rule, message });
  }

  warning(file: string, featureId: string | null, rule: ImportRule, message: string): void {
    this.problems.push({ severity: "warning", file, featureId, rule, message });
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === "error");
  }

  errors(): ImportProblem[] {
    return this.problems.filter((p) => p.severity === "error");
  }

  warnings(): ImportProblem[] {
    return this.problems.filter((p) => p.severity === "warning");
  }
}
