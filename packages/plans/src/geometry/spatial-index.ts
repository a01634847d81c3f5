/** A uniform grid over bounding boxes: which items may touch a box, in time proportional to the answer. */
import type { BoundingBox } from "./polygon";

export class GridIndex<T> {
  private readonly cells = new Map<number, { item: T; box: BoundingBox; stamp: number }[]>();
  private stamp = 0;

  constructor(private readonly cellSize: number) {}

  private key(cx: number, cy: number): number {
    // Facilities span far fewer than 2^20 cells a side; pack both indices in one safe integer.
    return (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576);
  }

  insert(item: T, box: BoundingBox): void {
    const entry = { item, box, stamp: 0 };
    for (let cx = Math.floor(box.minX / this.cellSize); cx <= Math.floor(box.maxX / this.cellSize); cx++) {
      for (let cy = Math.floor(box.minY / this.cellSize); cy <= Math.floor(box.maxY / this.cellSize); cy++) {
        const key = this.key(cx, cy);
        const list = this.cells.get(key);
        if (list) list.push(entry);
        else this.cells.set(key, [entry]);
      }
    }
  }

  /** Items whose boxes intersect `box` grown by `margin`, each once. */
  query(box: BoundingBox, margin = 0): T[] {
    const stamp = ++this.stamp;
    const found: T[] = [];
    const minX = box.minX - margin;
    const minY = box.minY - margin;
    const maxX = box.maxX + margin;
    const maxY = box.maxY + margin;
    for (let cx = Math.floor(minX / this.cellSize); cx <= Math.floor(maxX / this.cellSize); cx++) {
      for (let cy = Math.floor(minY / this.cellSize); cy <= Math.floor(maxY / this.cellSize); cy++) {
        const list = this.cells.get(this.key(cx, cy));
        if (!list) continue;
        for (const entry of list) {
          if (entry.stamp === stamp) continue;
          entry.stamp = stamp;
          const b = entry.box;
          if (b.maxX < minX || b.minX > maxX || b.maxY < minY || b.minY > maxY) continue;
          found.push(entry.item);
        }
      }
    }
    return found;
  }

  /** The first item at the point (cell of the point only) satisfying `test`, without building a list. */
  find(x: number, y: number, test: (item: T) => boolean): T | null {
    const list = this.cells.get(this.key(Math.floor(x / this.cellSize), Math.floor(y / this.cellSize)));
    if (!list) return null;
    for (const entry of list) {
      const b = entry.box;
      if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) continue;
      if (test(entry.item)) return entry.item;
    }
    return null;
  }
}
