/**
 * The plan's view: plan coordinates are local metres with y pointing north (up); the screen's y points down.
 * screen = (x · scale + tx, −y · scale + ty), scale in pixels per metre. Pure functions, no DOM.
 */
import type { Point } from "@athar/core";

export interface Viewport {
  /** Pixels per metre. */
  scale: number;
  tx: number;
  ty: number;
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** From a whole city block (0.5 px/m) to a door's hinges (400 px/m). */
export const MIN_SCALE = 0.5;
export const MAX_SCALE = 400;

const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

export function toScreen(view: Viewport, [x, y]: Point): Point {
  return [x * view.scale + view.tx, -y * view.scale + view.ty];
}

export function toWorld(view: Viewport, [sx, sy]: Point): Point {
  return [(sx - view.tx) / view.scale, -(sy - view.ty) / view.scale];
}

/** Zooms by `factor` keeping the plan point under `anchor` (screen) where it is. */
export function zoomAt(view: Viewport, factor: number, anchor: Point): Viewport {
  const scale = clampScale(view.scale * factor);
  const [wx, wy] = toWorld(view, anchor);
  return { scale, tx: anchor[0] - wx * scale, ty: anchor[1] + wy * scale };
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { scale: view.scale, tx: view.tx + dx, ty: view.ty + dy };
}

/** The view that shows `box` whole and centred in a width × height screen with `padding` pixels around. */
export function fitBox(box: Box, width: number, height: number, padding = 24): Viewport {
  const boxWidth = Math.max(box.maxX - box.minX, 1);
  const boxHeight = Math.max(box.maxY - box.minY, 1);
  const scale = clampScale(
    Math.min((width - 2 * padding) / boxWidth, (height - 2 * padding) / boxHeight) || MIN_SCALE,
  );
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  return { scale, tx: width / 2 - cx * scale, ty: height / 2 + cy * scale };
}

/** The SVG transform that draws plan coordinates (metres, y up) on the screen. */
export const svgTransform = (view: Viewport): string =>
  `matrix(${view.scale} 0 0 ${-view.scale} ${view.tx} ${view.ty})`;

/** A round length for a scale bar about `targetPixels` long: 1, 2 or 5 times a power of ten metres. */
export function scaleBarMetres(scale: number, targetPixels = 100): number {
  const raw = targetPixels / scale;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [5, 2, 1].find((m) => m * power <= raw) ?? 1;
  return step * power;
}
