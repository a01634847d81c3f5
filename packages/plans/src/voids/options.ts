/** Tunable parameters of hidden-space analysis, with the reasoning behind each default. */

export interface VoidAnalysisOptions {
  /** Raster pixel size (m). 0.1 m resolves a 0.2 m wall as two pixels; finer costs time quadratically. */
  resolutionM: number;
  /** Cap on pixels per level; coarser pixels are used above it (a 1 km² level at 0.1 m would be 10^8). */
  maxPixelsPerLevel: number;
  /**
   * Narrowest hidden space worth reporting (m): 0.8 m fits a person lying down or a crawlway. Residual space
   * narrower than this plus two walls is taken to be wall.
   */
  minHiddenWidthM: number;
  /** Smallest interior area (m²) reported as a room: a 1.0 × 1.5 m cupboard-sized cell. */
  minAreaM2: number;
  /** A wall is thick when it exceeds max(factor × typical, typical + margin) for walls of its kind. */
  thickWallFactor: number;
  thickWallMarginM: number;
  /** Thick stretches shorter than this (m) are wall junctions and pillars, not walls. */
  minThickWallLengthM: number;
  /** Fewest ridge samples (pixels) needed to trust a measured typical wall thickness. */
  minWallSamples: number;
  /**
   * Wall thickness assumed (m) when too few gaps between spaces are found to measure one. Few gaps mean the
   * spaces are drawn edge to edge (or walls are drawn as features), so the default is no wall at all.
   */
  fallbackWallM: number;
}

export const DEFAULT_VOID_OPTIONS: VoidAnalysisOptions = {
  resolutionM: 0.1,
  maxPixelsPerLevel: 8_000_000,
  minHiddenWidthM: 0.8,
  minAreaM2: 1.5,
  thickWallFactor: 2,
  thickWallMarginM: 0.3,
  minThickWallLengthM: 1.0,
  minWallSamples: 30,
  fallbackWallM: 0,
};
