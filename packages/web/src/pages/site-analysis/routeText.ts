/**
 * Route steps and places in the user's language. The server's step `detail` is English engine text; the
 * page builds its own sentence from the step's kind, mode and the feature it uses, and shows the detail only
 * under technical details.
 */
import { OPENING_KINDS, type OpeningKind, SPACE_KINDS, type SpaceKind } from "@athar/core";
import type { TFunction } from "i18next";
import type { RoutePlace, RouteStep } from "../../api/site-analysis";
import type { Formatters } from "../../i18n/format";

const isOpeningKind = (kind: string | null): kind is OpeningKind =>
  kind !== null && (OPENING_KINDS as readonly string[]).includes(kind);
const isSpaceKind = (kind: string | null): kind is SpaceKind =>
  kind !== null && (SPACE_KINDS as readonly string[]).includes(kind);

/** A place's name: outside, a hidden-space candidate with its area, or a space's name (or kind) and level. */
export function placeName(place: RoutePlace | undefined, t: TFunction, format: Formatters): string {
  if (!place) return "";
  if (place.kind === "outside") return t("siteAnalysis.route.outside");
  if (place.kind === "candidate")
    return t("siteAnalysis.route.placeCandidate", { area: format.number(place.areaM2 ?? 0, 0) });
  const name = place.name || (isSpaceKind(place.spaceKind) ? t(`spaceKind.${place.spaceKind}`) : place.label);
  return place.levelName ? t("siteAnalysis.route.placeSpace", { name, level: place.levelName }) : name;
}

export function stepText(step: RouteStep, t: TFunction): string {
  const feature = (() => {
    if (step.featureName) return step.featureName;
    if (isOpeningKind(step.featureKind))
      return t("siteAnalysis.route.step.unnamed", { kind: t(`openingKind.${step.featureKind}`) });
    if (isSpaceKind(step.featureKind))
      return t("siteAnalysis.route.step.unnamed", { kind: t(`spaceKind.${step.featureKind}`) });
    return t("siteAnalysis.route.step.unnamed", { kind: t("openingKind.door") });
  })();
  switch (step.kind) {
    case "opening": {
      const mode = step.mode;
      if (
        mode === "open" ||
        mode === "unlocked" ||
        mode === "key" ||
        mode === "badge" ||
        mode === "code" ||
        mode === "forced"
      )
        return t(`siteAnalysis.route.step.${mode}`, { feature });
      return t("siteAnalysis.route.step.open", { feature });
    }
    case "unknown_stairs":
      return t("siteAnalysis.route.step.unknown_stairs", { feature });
    default:
      return t(`siteAnalysis.route.step.${step.kind}`);
  }
}

export const minutes = (format: Formatters, value: number): string =>
  format.number(value, value < 10 ? 1 : 0);
