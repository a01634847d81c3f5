/**
 * Evidence that points at a place: "something is behind this door", "these stairs go below". Signals that do
 * not come from the raster produce pointers; the analysis attaches each to the candidate found at its anchor,
 * or makes a candidate of it when nothing explains the place.
 */
import type { Point } from "@athar/core";
import type { VoidEvidence } from "./types";

export interface SignalPointer {
  buildingId: string;
  /** Level the evidence points to; null for a level below every known one. */
  levelId: string | null;
  levelOrdinal: number;
  /** A point inside the place pointed at. */
  anchor: Point;
  /** The place's outline when the signal knows it (a stair's outline, a twin's room); else a small probe area. */
  polygon: Point[];
  evidence: VoidEvidence;
}

export const squareAround = ([x, y]: Point, halfSideM: number): Point[] => [
  [x - halfSideM, y - halfSideM],
  [x + halfSideM, y - halfSideM],
  [x + halfSideM, y + halfSideM],
  [x - halfSideM, y + halfSideM],
];
