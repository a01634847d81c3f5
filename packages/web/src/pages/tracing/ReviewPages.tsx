/**
 * The review queue (`/tracing/review`) and one proposal (`/tracing/review/:candidateId`). The matcher only
 * proposes; a tracing officer decides — accept (the two records' clusters are merged, which can be undone),
 * reject (the pair is not proposed again while neither record changes) or unsure — always with a reason.
 * A pair that looks like siblings (same parents, different given names) is accepted only with an explicit
 * override and a reason that says why they are not.
 */
import { CANDIDATE_KINDS, type CandidateKind, type PersonView, type ReviewDecision } from "@athar/registry";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Candidate,
  type Merge,
  type PersonSummary,
  type ReviewItem,
  tracingApi,
} from "../../api/tracing";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { ExplanationChart, useExplanationLabels } from "./ExplanationChart";
import { FormField } from "./PersonForm";
import { UndoMerge } from "./PersonPage";
import {
  Loading,
  NameLines,
  PersonCard,
  SourceLine,
  TracingPage,
  useNumbers,
  useTracingRoles,
} from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

const STATE_FILTERS = ["open,unsure", "open", "unsure", "accepted", "rejected"] as const;
type StateFilter = (typeof STATE_FILTERS)[number];
const STATE_FILTER_KEY: Record<StateFilter, "pending" | "open" | "unsure" | "accepted" | "rejected"> = {
  "open,unsure": "pending",
  open: "open",
  unsure: "unsure",
  accepted: "accepted",
  rejected: "rejected",
};
const PAGE_SIZE = 20;

/** Which side is which: the family's record and the registry's, or two registry records. */
function sideKeys(candidate: Candidate) {
  return candidate.kind === "inquiry"
    ? ({ left: "tracing.review.leftInquiry", right: "tracing.review.rightRegistry" } as const)
    : ({ left: "tracing.review.leftRecord", right: "tracing.review.rightRecord" } as const);
}

/** The two or three fields that weigh most, for the queue's one-line summary. */
function StrongestFields({ candidate }: { candidate: Candidate }) {
  const { t } = useTranslation();
  const numbers = useNumbers();
  const labels = useExplanationLabels();
  const strongest = [...candidate.explanation.fields]
    .sort((a, b) => Math.abs(b.bits + b.termFrequencyBits) - Math.abs(a.bits + a.termFrequencyBits))
    .slice(0, 3);
  return (
    <p className="strongest muted">
      {t("tracing.review.strongest")}{" "}
      {strongest.map((f, i) => {
        const total = f.bits + f.termFrequencyBits;
        return (
          <span key={f.field} className={total >= 0 ? "for" : "against"}>
            {i > 0 ? t("common.listSeparator") : ""}
            {labels.field(f.field)}{" "}
            <span dir="ltr" className="bits-number">
              {numbers.signed(total)}
            </span>
          </span>
        );
      })}
    </p>
  );
}

function QueueItem({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const numbers = useNumbers();
  const { candidate, left, right } = item;
  const keys = sideKeys(candidate);
  const titles = { left: t(keys.left), right: t(keys.right) };
  return (
    <li className={`queue-item state-${candidate.state}`}>
      <div className="queue-pair">
        <div>
          <span className="side-label">{titles.left}</span>
          <NameLines person={left} />
        </div>
        <span className="pair-sign" aria-hidden="true">
          ⇄
        </span>
        <div>
          <span className="side-label">{titles.right}</span>
          <NameLines person={right} />
          <SourceLine source={right.source} />
        </div>
      </div>
      <div className="queue-side">
        <span className="probability">
          {t("tracing.review.probabilityShort", { value: numbers.percent(candidate.probability) })}
        </span>
        {candidate.guarded ? (
          <span className="guard-chip">{t("tracing.review.possibleSiblings")}</span>
        ) : null}
        <span className="muted">
          {t(`tracing.review.kind.${candidate.kind}`)} · {t(`tracing.candidateState.${candidate.state}`)}
        </span>
        <Link className="tracing-button" href={tracingPaths.reviewItem(candidate.id)}>
          {t("tracing.review.open")}
        </Link>
      </div>
      <StrongestFields candidate={candidate} />
    </li>
  );
}

export function ReviewQueuePage({ query }: PageProps) {
  const { t } = useTranslation();
  const stateParam = query.get("state") ?? "open,unsure";
  const state: StateFilter = (STATE_FILTERS as readonly string[]).includes(stateParam)
    ? (stateParam as StateFilter)
    : "open,unsure";
  const kindParam = query.get("kind");
  const kind = (CANDIDATE_KINDS as readonly string[]).includes(kindParam ?? "")
    ? (kindParam as CandidateKind)
    : undefined;
  const offset = Math.max(0, Number(query.get("offset") ?? 0) || 0);
  const loaded = useLoad(
    () => tracingApi.review({ state, kind, limit: PAGE_SIZE, offset }),
    [state, kind, offset],
  );
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value === "") next.delete(name);
    else next.set(name, value);
    if (name !== "offset") next.delete("offset");
    navigate(tracingPaths.review(next));
  };
  const data = loaded.data;
  return (
    <TracingPage wide>
      <h1>{t("tracing.review.title")}</h1>
      <p className="muted">{t("tracing.review.explain")}</p>
      <div className="filters form-grid">
        <FormField label={t("tracing.review.stateFilter")}>
          <select value={state} onChange={(event) => set("state", event.target.value)}>
            {STATE_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`tracing.review.states.${STATE_FILTER_KEY[s]}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("tracing.review.kindFilter")}>
          <select value={kind ?? ""} onChange={(event) => set("kind", event.target.value)}>
            <option value="">{t("tracing.registry.any")}</option>
            {CANDIDATE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`tracing.review.kind.${k}`)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      {loaded.error ? <ErrorMessage error={loaded.error} /> : null}
      {loaded.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p role="status">
            {data.total === 0 ? t("tracing.review.none") : t("tracing.review.count", { count: data.total })}
          </p>
          <ol className="queue-list">
            {data.items.map((item) => (
              <QueueItem key={item.candidate.id} item={item} />
            ))}
          </ol>
          {data.total > PAGE_SIZE ? (
            <div className="actions pager">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => set("offset", String(Math.max(0, offset - PAGE_SIZE)))}
              >
                {t("tracing.pager.previous")}
              </button>
              <span>
                {t("tracing.pager.range", {
                  from: offset + 1,
                  to: Math.min(offset + PAGE_SIZE, data.total),
                  total: data.total,
                })}
              </span>
              <button
                type="button"
                disabled={offset + PAGE_SIZE >= data.total}
                onClick={() => set("offset", String(offset + PAGE_SIZE))}
              >
                {t("tracing.pager.next")}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </TracingPage>
  );
}

function ClusterOthers({ others }: { others: readonly PersonSummary[] }) {
  const { t } = useTranslation();
  if (others.length === 0) return null;
  return (
    <div className="cluster-others">
      <h4>{t("tracing.review.alsoInCluster", { count: others.length })}</h4>
      <ul className="plain-list">
        {others.map((o) => (
          <li key={o.id}>
            <Link href={tracingPaths.person(o.id)}>
              <bdi>{o.displayName || t("tracing.person.noName")}</bdi>
            </Link>{" "}
            <span className="muted">· {t(`tracing.sourceKind.${o.sourceKind}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DecisionForm({
  candidate,
  onDecided,
}: {
  candidate: Candidate;
  onDecided: (merge: Merge | null) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  const [missingReason, setMissingReason] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: ReviewDecision) => {
    if (reason.trim() === "") {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    setBusy(true);
    setError(null);
    try {
      const result = await tracingApi.decide(candidate.id, {
        decision,
        reason: reason.trim(),
        overrideSiblingWarning: candidate.guarded && decision === "accept" ? override : false,
      });
      onDecided(result.merge);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const acceptBlocked = candidate.guarded && !override;
  return (
    <form
      className="decision-form stack"
      onSubmit={(event) => event.preventDefault()}
      aria-label={t("tracing.review.decide")}
    >
      <h2>{t("tracing.review.decide")}</h2>
      <FormField
        label={t("tracing.review.reason")}
        hint={t("tracing.review.reasonHint")}
        error={missingReason ? t("tracing.review.reasonRequired") : undefined}
      >
        <textarea
          dir="auto"
          rows={3}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
      {candidate.guarded ? (
        <label className="checkbox override">
          <input type="checkbox" checked={override} onChange={(event) => setOverride(event.target.checked)} />
          {t("tracing.review.override")}
        </label>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions decision-buttons">
        <button
          type="button"
          className="primary"
          disabled={busy || acceptBlocked}
          onClick={() => decide("accept")}
        >
          <span aria-hidden="true">✓ </span>
          {t("tracing.review.accept")}
        </button>
        <button type="button" disabled={busy} onClick={() => decide("unsure")}>
          <span aria-hidden="true">? </span>
          {t("tracing.review.unsure")}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => decide("reject")}>
          <span aria-hidden="true">✕ </span>
          {t("tracing.review.reject")}
        </button>
      </div>
      <p className="muted">{t("tracing.review.acceptExplain")}</p>
    </form>
  );
}

function MergeOfCandidate({
  candidate,
  clusterId,
  onChanged,
}: {
  candidate: Candidate;
  clusterId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const roles = useTracingRoles();
  const loaded = useLoad(() => tracingApi.merges(clusterId), [clusterId, candidate.state]);
  const merge = loaded.data?.merges.find((m) => m.candidateId === candidate.id && m.undoneAt === null);
  if (!merge) return null;
  return (
    <div className="notice success merge-note" role="status">
      <p>{t("tracing.review.merged", { who: merge.createdBy, when: format.dateTime(merge.createdAt) })}</p>
      {roles.isOfficer ? <UndoMerge merge={merge} onDone={onChanged} /> : null}
    </div>
  );
}

function SideCard({
  title,
  person,
  others,
}: {
  title: string;
  person: PersonView;
  others: readonly PersonSummary[];
}) {
  return (
    <div className="side-column">
      <h3 className="side-label">{title}</h3>
      <PersonCard
        person={person}
        heading={
          <h4 className="card-name">
            <Link href={tracingPaths.person(person.id)}>
              <NameLines person={person} />
            </Link>
          </h4>
        }
      />
      <ClusterOthers others={others} />
    </div>
  );
}

export function ReviewPage({ params }: PageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const numbers = useNumbers();
  const roles = useTracingRoles();
  const candidateId = params.candidateId ?? "";
  const loaded = useLoad(() => tracingApi.reviewItem(candidateId), [candidateId]);
  const [decided, setDecided] = useState(false);
  const detail = loaded.data;
  if (!detail)
    return <TracingPage>{loaded.error ? <ErrorMessage error={loaded.error} /> : <Loading />}</TracingPage>;
  const { candidate, left, right } = detail;
  const keys = sideKeys(candidate);
  const titles = { left: t(keys.left), right: t(keys.right) };
  const open = candidate.state === "open" || candidate.state === "unsure";
  return (
    <TracingPage wide className="review-page">
      <nav className="breadcrumbs" aria-label={t("tracing.breadcrumbs")}>
        <Link href={tracingPaths.review()}>{t("tracing.review.title")}</Link>
        {candidate.inquiryId ? (
          <>
            {" · "}
            <Link href={tracingPaths.inquiry(candidate.inquiryId)}>{t("tracing.review.toInquiry")}</Link>
          </>
        ) : null}
      </nav>
      <header className="review-header">
        <h1>{t(`tracing.review.heading.${candidate.kind}`)}</h1>
        <div className="review-summary">
          <span className="probability big">
            {t("tracing.review.probabilityShort", { value: numbers.percent(candidate.probability) })}
          </span>
          <span className={`candidate-state state-${candidate.state}`}>
            {t(`tracing.candidateState.${candidate.state}`)}
          </span>
        </div>
      </header>
      {candidate.guarded ? (
        <div className="notice danger sibling-warning" role="alert">
          <strong>{t("tracing.review.siblingsTitle")}</strong> <span>{t("tracing.review.siblingsText")}</span>
        </div>
      ) : null}
      {!open ? (
        <p className="notice">
          {t("tracing.review.decidedLine", {
            state: t(`tracing.candidateState.${candidate.state}`),
            who: candidate.decidedBy ?? "",
            when: candidate.decidedAt ? format.dateTime(candidate.decidedAt) : "",
          })}
          {candidate.reason ? (
            <>
              {" "}
              <bdi>{candidate.reason}</bdi>
            </>
          ) : null}
        </p>
      ) : null}
      {decided ? (
        <p className="notice success" role="status">
          {t("tracing.review.saved")}
        </p>
      ) : null}
      {candidate.state === "accepted" ? (
        <MergeOfCandidate candidate={candidate} clusterId={right.clusterId} onChanged={loaded.reload} />
      ) : null}

      <section aria-labelledby="why-title" className="panel">
        <h2 id="why-title">{t("tracing.review.why")}</h2>
        <p className="muted">{t("tracing.review.whyExplain")}</p>
        <ExplanationChart
          explanation={candidate.explanation}
          leftTitle={titles.left}
          rightTitle={titles.right}
        />
      </section>

      <div className="review-body">
        <section aria-label={t("tracing.review.sideBySide")} className="side-by-side">
          <SideCard title={titles.left} person={left} others={detail.leftCluster} />
          <SideCard title={titles.right} person={right} others={detail.rightCluster} />
        </section>
        {open ? (
          roles.isOfficer ? (
            <DecisionForm
              candidate={candidate}
              onDecided={() => {
                setDecided(true);
                loaded.reload();
              }}
            />
          ) : (
            <p className="notice">{t("tracing.review.onlyOfficers")}</p>
          )
        ) : null}
      </div>
    </TracingPage>
  );
}
