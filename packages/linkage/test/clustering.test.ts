import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClusterLink, computeClusters } from "../src/clustering";
import { MergeLog } from "../src/merge-log";

/** Brute-force components: repeat until nothing changes. */
function components(size: number, links: readonly ClusterLink[]): number[] {
  const label = Array.from({ length: size }, (_, i) => i);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { left, right } of links) {
      const low = Math.min(label[left] as number, label[right] as number);
      if (label[left] !== low || label[right] !== low) {
        label[left] = low;
        label[right] = low;
        changed = true;
      }
    }
  }
  return label;
}

const ids = ["a", "b", "c", "d", "e"];
const indexOf = (id: string) => {
  const index = ids.indexOf(id);
  return index < 0 ? undefined : index;
};

describe("clusters from links", () => {
  it("are the connected components of the links above the threshold when nothing conflicts (property)", () => {
    const link = fc.record({
      left: fc.integer({ min: 0, max: 11 }),
      right: fc.integer({ min: 0, max: 11 }),
      probability: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(link, { maxLength: 30 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (links, threshold) => {
          const result = computeClusters({ size: 12, links, threshold });
          expect(Array.from(result.clusterOf)).toEqual(
            components(
              12,
              links.filter((l) => l.probability >= threshold),
            ),
          );
          expect(result.clusters).toBe(new Set(result.clusterOf).size);
        },
      ),
    );
  });

  it("refuse a chain that would join two records in conflict, keeping the stronger link", () => {
    // a–b 0.99, b–c 0.9, but a and c conflict (siblings): c stays apart.
    const result = computeClusters({
      size: 3,
      links: [
        { left: 0, right: 1, probability: 0.99 },
        { left: 1, right: 2, probability: 0.9 },
      ],
      threshold: 0.5,
      conflict: (x, y) => ((x === 0 && y === 2) || (x === 2 && y === 0) ? "possible siblings" : undefined),
    });
    expect(Array.from(result.clusterOf)).toEqual([0, 0, 2]);
    expect(result.refused).toEqual([{ left: 1, right: 2, probability: 0.9, reason: "possible siblings" }]);
  });
});

describe("merge log", () => {
  const links: ClusterLink[] = [
    { left: 0, right: 1, probability: 0.95 },
    { left: 2, right: 3, probability: 0.4 },
  ];
  const clusters = (log: MergeLog) =>
    Array.from(
      computeClusters({ size: 5, links, threshold: 0.5, decisions: log.decisions(indexOf) }).clusterOf,
    );

  it("a split keeps linked records apart; merging again undoes it; any prefix rebuilds its state", () => {
    let log = MergeLog.empty();
    expect(clusters(log)).toEqual([0, 0, 2, 3, 4]);
    log = log.split("a", "b", { by: "officer-1", at: "2025-01-01T10:00:00Z" });
    expect(clusters(log)).toEqual([0, 1, 2, 3, 4]);
    log = log.merge("c", "d").merge("d", "e");
    expect(clusters(log)).toEqual([0, 1, 2, 2, 2]);
    log = log.merge("b", "a");
    expect(clusters(log)).toEqual([0, 0, 2, 2, 2]);
    expect(clusters(log.prefix(1))).toEqual([0, 1, 2, 3, 4]);
    expect(log.events).toHaveLength(4);
  });

  it("a merge that contradicts a split is refused and reported", () => {
    const log = MergeLog.empty().split("a", "c").merge("a", "b").merge("b", "c");
    const result = computeClusters({ size: 5, links: [], threshold: 0.5, decisions: log.decisions(indexOf) });
    expect(Array.from(result.clusterOf)).toEqual([0, 0, 2, 3, 4]);
    expect(result.refused).toHaveLength(1);
    expect(() => MergeLog.empty().merge("a", "a")).toThrow(/two different records/);
  });
});
