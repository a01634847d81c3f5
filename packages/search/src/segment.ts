/**
 * Segments: the pieces of the world the search model puts probability on. A space is a known room, corridor or
 * void of the site model; a hypothesis is a suspected space or level that may not exist at all; ROW ("rest of
 * world") stands for everywhere the model does not cover, including "not at this site". ROW always exists and
 * is never searched, so its growth measures honestly how much a search that finds nothing has ruled out.
 */

export const ROW_SEGMENT_ID = "ROW";

export type SegmentKind = "space" | "hypothesis" | "row";

/**
 * Two kinds of person the search looks for, because methods differ: a knock test or a call-out can only find
 * someone able to answer. Every POA and POD in the engine is kept per subject class.
 */
export type SubjectClass = "responsive" | "unresponsive";
export const SUBJECT_CLASSES: readonly SubjectClass[] = ["responsive", "unresponsive"];

export interface Segment {
  id: string;
  kind: SegmentKind;
  label?: string;
  /** Site and level the segment belongs to (ids of the site model); used to group the coverage report. */
  siteId?: string;
  levelId?: string;
  /** Floor area in square metres; needed to turn hours of a method into coverage (C = sweep rate · t / A). */
  areaM2?: number;
  /** False while the segment sits behind an unbreached barrier: no effort can be allocated to it. */
  reachable: boolean;
  /**
   * Planner's weight when no planner estimate exists (unnormalised, ≥ 0). For a hypothesis it is the weight
   * the space would have if it existed.
   */
  weight: number;
  /** Hypotheses only: prior probability that the suspected space exists, in (0, 1]. */
  pExists?: number;
}

export const isHypothesis = (segment: Pick<Segment, "kind">): boolean => segment.kind === "hypothesis";
