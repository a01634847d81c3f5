/**
 * Hidden-space candidates: the list (score, where, why), one candidate in detail with its evidence, and the
 * form that makes it a hypothesis for the search with the coordinator's prior. The prior starts at 0.2, not
 * at the score: the score ranks candidates and is not a probability.
 */
import { ROLE_GROUPS } from "@athar/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LevelSummary } from "../../api/client";
import { siteAnalysisApi, type VoidCandidate, type VoidsAnswer } from "../../api/site-analysis";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useFormat } from "../../i18n/format";

const DEFAULT_PRIOR = 0.2;

function Where({ candidate, levels }: { candidate: VoidCandidate; levels: readonly LevelSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const level = levels.find((l) => l.id === candidate.levelId);
  if (!level)
    return <>{t("siteAnalysis.candidates.belowAll", { ordinal: format.ordinal(candidate.levelOrdinal) })}</>;
  return (
    <>
      <span dir="ltr">{format.ordinal(level.ordinal)}</span> <bdi>{level.name}</bdi>
    </>
  );
}

function Reasons({ candidate }: { candidate: VoidCandidate }) {
  const { t } = useTranslation();
  return (
    <ul className="reason-chips">
      {candidate.reasons.map((reason) => (
        <li key={reason}>{t(`siteAnalysis.reasons.${reason}`)}</li>
      ))}
    </ul>
  );
}

function HypothesisForm({
  siteId,
  candidate,
  planVersion,
  onDone,
}: {
  siteId: string;
  candidate: VoidCandidate;
  planVersion: string;
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [prior, setPrior] = useState(DEFAULT_PRIOR);
  const [createSpace, setCreateSpace] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await siteAnalysisApi.makeHypothesis(siteId, {
        candidateId: candidate.id,
        prior,
        createSpace,
        planVersion,
      });
      const shown = format.number(prior, 2);
      onDone(
        t(createSpace ? "siteAnalysis.hypothesis.done" : "siteAnalysis.hypothesis.doneNoSpace", {
          prior: shown,
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack hypothesis-form">
      <h3>{t("siteAnalysis.hypothesis.title")}</h3>
      <div className="field prior-field">
        <label htmlFor="hypothesis-prior">
          {t("siteAnalysis.hypothesis.prior", { value: format.number(prior, 2) })}
        </label>
        <input
          id="hypothesis-prior"
          type="range"
          min={0.01}
          max={1}
          step={0.01}
          value={prior}
          aria-describedby="hypothesis-prior-hint"
          onChange={(event) => setPrior(Number(event.target.value))}
        />
        <p className="hint" id="hypothesis-prior-hint">
          {t("siteAnalysis.hypothesis.priorHint")}
        </p>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={createSpace}
          onChange={(event) => setCreateSpace(event.target.checked)}
        />
        {t("siteAnalysis.hypothesis.createSpace")}
      </label>
      {error ? <ErrorMessage error={error} /> : null}
      <div>
        <button type="button" className="primary" disabled={busy} onClick={submit}>
          {t("siteAnalysis.hypothesis.submit")}
        </button>
      </div>
    </div>
  );
}

export function CandidatePanel({
  siteId,
  voids,
  levels,
  selected,
  onChoose,
  onRouteTo,
  onChanged,
}: {
  siteId: string;
  voids: VoidsAnswer;
  levels: readonly LevelSummary[];
  selected: VoidCandidate | null;
  onChoose(candidate: VoidCandidate | null): void;
  onRouteTo(candidate: VoidCandidate): void;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { hasAnyRole } = useSession();
  const coordinator = hasAnyRole(["admin", "coordinator"]) && hasAnyRole(ROLE_GROUPS.siteEditors);
  const sorted = [...voids.candidates].sort((a, b) => b.score - a.score);
  const skipped = voids.levels.filter((l) => l.skipped !== null);

  if (selected) {
    return (
      <div className="stack">
        <p>
          <button type="button" onClick={() => onChoose(null)}>
            {t("siteAnalysis.candidates.close")}
          </button>
        </p>
        <h2>{t("siteAnalysis.candidates.selected")}</h2>
        <dl className="facts">
          <dt>{t("level.title")}</dt>
          <dd>
            <Where candidate={selected} levels={levels} />
          </dd>
          <dt>{t("siteAnalysis.candidates.areaLabel")}</dt>
          <dd>{t("siteAnalysis.candidates.area", { value: format.number(selected.areaM2, 1) })}</dd>
          <dt>{t("siteAnalysis.candidates.scoreLabel")}</dt>
          <dd>{format.number(selected.score, 2)}</dd>
        </dl>
        <h3>{t("siteAnalysis.candidates.reasons")}</h3>
        <Reasons candidate={selected} />
        <details>
          <summary>{t("siteAnalysis.candidates.evidence")}</summary>
          <ul dir="ltr" lang="en">
            {selected.evidence.map((e, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: evidence is replaced as a whole
              <li key={k}>
                <code>{e.reason}</code> {e.detail}
              </li>
            ))}
          </ul>
        </details>
        <p>
          <button type="button" onClick={() => onRouteTo(selected)}>
            {t("siteAnalysis.candidates.routeHere")}
          </button>
        </p>
        {selected.suspectedSpaceId ? (
          <p className="notice">{t("siteAnalysis.candidates.drawn")}</p>
        ) : coordinator ? (
          <HypothesisForm
            key={selected.id}
            siteId={siteId}
            candidate={selected}
            planVersion={voids.planVersion}
            onDone={onChanged}
          />
        ) : null}
      </div>
    );
  }

  return (
    <div className="stack">
      <h2>{t("siteAnalysis.candidates.title")}</h2>
      <p className="muted">{t("siteAnalysis.candidates.intro")}</p>
      {sorted.length === 0 ? (
        <p>{t("siteAnalysis.candidates.none")}</p>
      ) : (
        <p>{t("siteAnalysis.candidates.count", { count: sorted.length })}</p>
      )}
      <ul className="candidate-list">
        {sorted.map((candidate) => (
          <li key={candidate.id}>
            <button type="button" onClick={() => onChoose(candidate)}>
              <span className="score-badge" aria-hidden="true">
                {format.number(candidate.score, 2)}
              </span>
              <span className="visually-hidden">
                {t("siteAnalysis.candidates.score", { value: format.number(candidate.score, 2) })}
              </span>
              <span className="candidate-where">
                <Where candidate={candidate} levels={levels} /> ·{" "}
                {t("siteAnalysis.candidates.area", { value: format.number(candidate.areaM2, 1) })}
              </span>
              <Reasons candidate={candidate} />
            </button>
          </li>
        ))}
      </ul>
      {skipped.map((stats) => (
        <p key={stats.levelId} className="muted">
          {t("siteAnalysis.candidates.notAnalysed", {
            level: levels.find((l) => l.id === stats.levelId)?.name ?? "",
          })}
        </p>
      ))}
    </div>
  );
}
