/** Colours of the plan, in one place so that the plan, its legend and later overlays agree. */
import type { OpeningState, SpaceKind } from "@athar/core";

export const KIND_FILL: Record<SpaceKind, string> = {
  cell: "#f0e2c6",
  corridor: "#e3e7ec",
  room: "#d6e6f4",
  stairs: "#e2daf1",
  shaft: "#a9b4bf",
  yard: "#d9eed5",
  unknown: "#f6f6f4",
};

export const STATE_FILL: Record<OpeningState, string> = {
  open: "#2b8a3e",
  closed: "#5c6773",
  locked: "#b42323",
  breached: "#d9480f",
  sealed: "#1d232a",
};

export const OUTLINE = "#4a5561";
export const SELECTED = "#0b5cad";
export const DRAFT = "#0b5cad";
