/**
 * A new assignment on the board: team, method (from the team's capabilities), the spaces of one level
 * (filterable list), planned minutes, ASR level asked and safety notes; saved as a draft or assigned at once.
 */
import type { Space } from "@athar/core";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type LevelSummary } from "../../api/client";
import { opsApi, type Team } from "../../api/operations";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";
import { isolate, useOpsLabels } from "./labels";

const ASR_LEVELS = [1, 2, 3, 4, 5] as const;

export function AssignmentForm({
  siteId,
  teams,
  levels,
  allMethods,
  onDone,
}: {
  siteId: string;
  teams: readonly Team[];
  levels: readonly LevelSummary[];
  /** Methods of the site's catalogue, for a draft without a team. */
  allMethods: readonly { id: string; name: string }[];
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOpsLabels();
  const [teamId, setTeamId] = useState("");
  const team = teams.find((x) => x.id === teamId);
  const [methodId, setMethodId] = useState("");
  const [levelId, setLevelId] = useState(levels.find((l) => l.ordinal === 0)?.id ?? levels[0]?.id ?? "");
  const [filter, setFilter] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [minutes, setMinutes] = useState("30");
  const [asr, setAsr] = useState(3);
  const [title, setTitle] = useState("");
  const [safety, setSafety] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const plan = useLoad(() => (levelId ? api.levelPlan(levelId) : Promise.resolve(null)), [levelId]);
  const spaces = useMemo(() => {
    const all: Space[] = plan.data?.spaces ?? [];
    const needle = filter.trim().toLowerCase();
    return needle ? all.filter((s) => s.name.toLowerCase().includes(needle)) : all;
  }, [plan.data, filter]);
  const methods = team ? team.methods : allMethods.map((m) => m.id);
  const method = methods.includes(methodId) ? methodId : (methods[0] ?? "");

  const submit = async (assign: boolean, event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await opsApi.createAssignment(siteId, {
        title: title.trim(),
        teamId: teamId || null,
        methodId: method,
        segmentIds: [...chosen],
        plannedMinutes: Number(minutes),
        asrTarget: asr,
        safetyNotes: safety.trim(),
        assign,
      });
      setChosen(new Set());
      setTitle("");
      setSafety("");
      onDone(
        assign
          ? t("operations.board.createdAssigned", { team: isolate(team?.callSign ?? "") })
          : t("operations.board.createdDraft"),
      );
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  const ready = method !== "" && chosen.size > 0 && Number(minutes) >= 1;

  return (
    <form className="assignment-form stack" onSubmit={(e) => void submit(true, e)}>
      <div className="field-row">
        <Field label={t("operations.board.team")}>
          <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t("operations.board.chooseTeam")}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.callSign} · {x.capabilities.map(labels.capability).join(t("common.listSeparator"))}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("operations.board.method")}>
          <select
            value={method}
            onChange={(e) => setMethodId(e.target.value)}
            disabled={methods.length === 0}
          >
            {methods.length === 0 && <option value="">{t("operations.board.methodNeedsTeam")}</option>}
            {methods.map((m) => (
              <option key={m} value={m}>
                {labels.method(m, allMethods.find((x) => x.id === m)?.name)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="field-row">
        <Field label={t("operations.board.level")}>
          <select
            value={levelId}
            onChange={(e) => {
              setLevelId(e.target.value);
              setChosen(new Set());
            }}
          >
            {levels.map((level) => (
              <option key={level.id} value={level.id}>
                {format.ordinal(level.ordinal)} · {level.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("operations.board.filterSpaces")}>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </Field>
      </div>
      <fieldset className="space-picker">
        <legend>{t("operations.board.spaces", { count: chosen.size })}</legend>
        <ul>
          {spaces.map((space) => (
            <li key={space.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.has(space.id)}
                  onChange={(e) =>
                    setChosen((current) => {
                      const next = new Set(current);
                      if (e.target.checked) next.add(space.id);
                      else next.delete(space.id);
                      return next;
                    })
                  }
                />
                <bdi>{space.name || t(`spaceKind.${space.kind}`)}</bdi>
                <span className="muted"> · {t(`spaceKind.${space.kind}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field-row">
        <Field label={t("operations.board.minutes")}>
          <input
            type="number"
            min={1}
            max={1440}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            dir="ltr"
          />
        </Field>
        <Field label={t("operations.board.asr")}>
          <select value={asr} onChange={(e) => setAsr(Number(e.target.value))}>
            {ASR_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`operations.asr.${level}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t("operations.board.titleLabel")}>
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      </Field>
      <Field label={t("operations.board.safety")}>
        <textarea rows={2} value={safety} onChange={(e) => setSafety(e.target.value)} />
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !ready || !teamId}>
          {t("operations.board.createAndAssign")}
        </button>
        <button
          type="button"
          disabled={busy || chosen.size === 0 || method === ""}
          onClick={() => void submit(false)}
        >
          {t("operations.board.createDraft")}
        </button>
      </div>
    </form>
  );
}
