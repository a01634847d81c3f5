import type {
  EvidenceRecord,
  SearchEffort,
  SearchLogEvent,
  SearchOutcome,
  SegmentInput,
} from "../src/events";
import { uncertain } from "../src/uncertain-value";

/** Builds search logs for tests with increasing timestamps and unique ids. */
export class LogBuilder {
  readonly events: SearchLogEvent[] = [];
  private clock = Date.UTC(2024, 11, 9, 8, 0, 0);
  private counter = 0;

  private base(): { id: string; at: string } {
    this.counter++;
    this.clock += 60_000;
    return { id: `ev-${this.counter}`, at: new Date(this.clock).toISOString() };
  }

  segment(id: string, extra: Partial<SegmentInput> = {}): this {
    this.events.push({ ...this.base(), type: "segment.added", segment: { id, kind: "space", ...extra } });
    return this;
  }

  hypothesis(id: string, pExists: number, extra: Partial<SegmentInput> = {}): this {
    return this.segment(id, { kind: "hypothesis", pExists, ...extra });
  }

  estimate(plannerId: string, weights: Record<string, number>): this {
    this.events.push({ ...this.base(), type: "planner.estimate.recorded", plannerId, weights });
    return this;
  }

  search(
    segmentId: string,
    methodId: string,
    effort: SearchEffort,
    outcome: SearchOutcome = "nothing_found",
    extra: { void?: "found" | "not_found" } = {},
  ): this {
    const base = this.base();
    this.events.push({
      ...base,
      type: "search.completed",
      search: { id: `s-${base.id}`, segmentId, methodId, effort, outcome, ...extra },
    });
    return this;
  }

  evidence(record: Partial<EvidenceRecord> & Pick<EvidenceRecord, "id" | "target">): this {
    this.events.push({
      ...this.base(),
      type: "evidence.recorded",
      evidence: {
        kind: "testimony",
        reportedBy: "source-1",
        reportedThrough: [],
        grade: { reliability: "F", credibility: 3 },
        status: "unverified",
        assertion: "present",
        ...record,
      },
    });
    return this;
  }

  /** Evidence with explicit likelihoods L1, L0 (point values). */
  alertEvidence(
    id: string,
    segmentId: string,
    l1: number,
    l0: number,
    extra: Partial<EvidenceRecord> = {},
  ): this {
    return this.evidence({
      id,
      kind: "canine_alert",
      target: { segmentId, about: "subjects" },
      likelihood: { l1: uncertain(l1, l1, l1, "test", false), l0: uncertain(l0, l0, l0, "test", false) },
      ...extra,
    });
  }

  push(event: Omit<SearchLogEvent, "id" | "at"> & Partial<Pick<SearchLogEvent, "id" | "at">>): this {
    this.events.push({ ...this.base(), ...event } as SearchLogEvent);
    return this;
  }
}

/** Coverage that gives this POD in one look. */
export const podEffort = (pod: number): SearchEffort => ({ coverage: -Math.log1p(-pod) });
