/** Connected components of a raster mask (4-connectivity: regions that touch only at a corner stay apart). */

export interface RasterComponent {
  label: number;
  pixels: number;
  minI: number;
  minJ: number;
  maxI: number;
  maxJ: number;
}

/**
 * Labels the pixels where `inMask[p] !== 0` with 1, 2, … (0 elsewhere) and describes each component.
 * Iterative flood fill with an explicit stack: no recursion depth limit on large rooms.
 */
export function labelComponents(
  inMask: Uint8Array,
  width: number,
  height: number,
): { labels: Int32Array; components: RasterComponent[] } {
  const labels = new Int32Array(width * height);
  const components: RasterComponent[] = [];
  const stack = new Int32Array(width * height);
  for (let start = 0; start < labels.length; start++) {
    if (!inMask[start] || labels[start] !== 0) continue;
    const label = components.length + 1;
    const component: RasterComponent = {
      label,
      pixels: 0,
      minI: width,
      minJ: height,
      maxI: -1,
      maxJ: -1,
    };
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const p = stack[--top]!;
      const i = p % width;
      const j = (p - i) / width;
      component.pixels++;
      if (i < component.minI) component.minI = i;
      if (i > component.maxI) component.maxI = i;
      if (j < component.minJ) component.minJ = j;
      if (j > component.maxJ) component.maxJ = j;
      if (i > 0 && inMask[p - 1] && labels[p - 1] === 0) {
        labels[p - 1] = label;
        stack[top++] = p - 1;
      }
      if (i < width - 1 && inMask[p + 1] && labels[p + 1] === 0) {
        labels[p + 1] = label;
        stack[top++] = p + 1;
      }
      if (j > 0 && inMask[p - width] && labels[p - width] === 0) {
        labels[p - width] = label;
        stack[top++] = p - width;
      }
      if (j < height - 1 && inMask[p + width] && labels[p + width] === 0) {
        labels[p + width] = label;
        stack[top++] = p + width;
      }
    }
    components.push(component);
  }
  return { labels, components };
}

/**
 * Components of a sparse mask, visiting only the listed pixels (`members[p] !== 0` for each listed p) instead
 * of scanning the grid. Labels are written into `labels` (which must be zero at the listed pixels).
 */
export function labelListedComponents(
  listed: ArrayLike<number>,
  members: Uint8Array,
  width: number,
  height: number,
  labels: Int32Array,
): RasterComponent[] {
  const components: RasterComponent[] = [];
  const stack: number[] = [];
  for (let k = 0; k < listed.length; k++) {
    const start = listed[k]!;
    if (!members[start] || labels[start] !== 0) continue;
    const label = components.length + 1;
    const component: RasterComponent = { label, pixels: 0, minI: width, minJ: height, maxI: -1, maxJ: -1 };
    labels[start] = label;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const i = p % width;
      const j = (p - i) / width;
      component.pixels++;
      if (i < component.minI) component.minI = i;
      if (i > component.maxI) component.maxI = i;
      if (j < component.minJ) component.minJ = j;
      if (j > component.maxJ) component.maxJ = j;
      if (i > 0 && members[p - 1] && labels[p - 1] === 0) {
        labels[p - 1] = label;
        stack.push(p - 1);
      }
      if (i < width - 1 && members[p + 1] && labels[p + 1] === 0) {
        labels[p + 1] = label;
        stack.push(p + 1);
      }
      if (j > 0 && members[p - width] && labels[p - width] === 0) {
        labels[p - width] = label;
        stack.push(p - width);
      }
      if (j < height - 1 && members[p + width] && labels[p + width] === 0) {
        labels[p + width] = label;
        stack.push(p + width);
      }
    }
    components.push(component);
  }
  return components;
}
