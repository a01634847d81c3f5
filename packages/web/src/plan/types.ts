import type { Point, Space } from "@athar/core";
import type { ReactNode } from "react";
import type { Viewport } from "./viewport";

export type PlanTool = "select" | "rectangle" | "polygon" | "door";

export type PlanSelection = { kind: "space"; id: string } | { kind: "opening"; id: string };

/** How one space is painted. Later areas override the kind colour, e.g. a heat map of probability. */
export interface SpaceFill {
  fill: string;
  /** 0–1; defaults to 1. */
  opacity?: number;
}

export type SpaceFillFunction = (space: Space) => SpaceFill | undefined;

export interface PlanLayerContext {
  view: Viewport;
  width: number;
  height: number;
  toScreen(point: Point): Point;
}

/**
 * An overlay of the plan: `under` and `world` content is drawn in plan metres (y up) and scales with the
 * zoom; `screen` content is drawn in pixels (use `toScreen`) and keeps its size, e.g. markers and labels.
 */
export interface PlanLayer {
  id: string;
  /** Drawn in plan metres beneath the spaces, e.g. the outline of the level above. */
  under?: (context: PlanLayerContext) => ReactNode;
  world?: (context: PlanLayerContext) => ReactNode;
  screen?: (context: PlanLayerContext) => ReactNode;
}
