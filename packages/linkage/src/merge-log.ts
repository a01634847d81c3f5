/**
 * Reviewers' decisions about pairs of records, as an append-only log. Nothing is ever edited or deleted:
 * undoing a merge is appending a "different" decision for the same pair, and the latest decision for a pair
 * is the one that counts. Clusters are recomputed from the links and this log (clustering.ts), so any past
 * state can be rebuilt from a prefix of the log, and the audit trail is the log itself.
 */
import { AtharError } from "@athar/core";
import { pairKey } from "./clustering";

export type MergeDecision = "same" | "different";

export interface MergeEvent {
  /** Record ids as the sources know them. */
  readonly left: string;
  readonly right: string;
  readonly decision: MergeDecision;
  /** When and by whom (ISO time, user id): kept for the audit trail, not used to compute clusters. */
  readonly at?: string;
  readonly by?: string;
  readonly note?: string;
}

/** The log as a value: append returns a new log, so earlier states stay available. */
export class MergeLog {
  private constructor(readonly events: readonly MergeEvent[]) {}

  static empty(): MergeLog {
    return new MergeLog([]);
  }

  static of(events: readonly MergeEvent[]): MergeLog {
    let log = MergeLog.empty();
    for (const event of events) log = log.append(event);
    return log;
  }

  append(event: MergeEvent): MergeLog {
    if (event.left === event.right) {
      throw new AtharError("validation_failed", "a merge decision needs two different records", [
        { path: "right", message: `same record as left (${event.left})` },
      ]);
    }
    return new MergeLog([...this.events, event]);
  }

  /** Decides that two records are the same person. */
  merge(
    left: string,
    right: string,
    details: Omit<MergeEvent, "left" | "right" | "decision"> = {},
  ): MergeLog {
    return this.append({ ...details, left, right, decision: "same" });
  }

  /** Decides that two records are different people (also undoes an earlier merge of the pair). */
  split(
    left: string,
    right: string,
    details: Omit<MergeEvent, "left" | "right" | "decision"> = {},
  ): MergeLog {
    return this.append({ ...details, left, right, decision: "different" });
  }

  /** The log as it was after its first `count` events. */
  prefix(count: number): MergeLog {
    return new MergeLog(this.events.slice(0, count));
  }

  /**
   * The latest decision per pair, with record ids turned into indexes. Decisions about ids that are not
   * in `indexOf` are skipped (a record may have been withdrawn since).
   */
  decisions(
    indexOf: (id: string) => number | undefined,
  ): Map<string, { left: number; right: number; decision: MergeDecision }> {
    const latest = new Map<string, { left: number; right: number; decision: MergeDecision }>();
    for (const event of this.events) {
      const left = indexOf(event.left);
      const right = indexOf(event.right);
      if (left === undefined || right === undefined) continue;
      latest.set(pairKey(left, right), { left, right, decision: event.decision });
    }
    return latest;
  }
}
