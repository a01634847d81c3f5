/**
 * A team on the board, new or edited: call sign, name, organisation, capabilities (which decide the search
 * methods it may be given), availability, working-time limit, the leader (an account with the team_lead
 * role, whose phone then shows the team's work), members by alias and role, notes.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { opsApi, type Team, type TeamInput } from "../../api/operations";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useLoad } from "../../components/useLoad";
import { AVAILABILITIES, CAPABILITIES, isolate, useOpsLabels } from "./labels";

const DEFAULT_WORK_HOURS = 12;

/** One member per line, "alias, role" (the role may be left out). */
export function parseMembers(text: string): TeamInput["members"] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const comma = line.search(/[,،]/);
      return comma < 0
        ? { alias: line, role: "" }
        : { alias: line.slice(0, comma).trim(), role: line.slice(comma + 1).trim() };
    })
    .filter((member) => member.alias !== "");
}

const membersText = (members: TeamInput["members"]): string =>
  members.map((m) => (m.role ? `${m.alias}, ${m.role}` : m.alias)).join("\n");

export function TeamForm({
  siteId,
  team,
  onDone,
  onCancel,
}: {
  siteId: string;
  /** The team to edit; a new team when absent. */
  team?: Team;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const labels = useOpsLabels();
  const [callSign, setCallSign] = useState(team?.callSign ?? "");
  const [name, setName] = useState(team?.name ?? "");
  const [organisation, setOrganisation] = useState(team?.organisation ?? "");
  const [capabilities, setCapabilities] = useState<ReadonlySet<string>>(new Set(team?.capabilities ?? []));
  const [availability, setAvailability] = useState(team?.availability ?? "available");
  const [workHours, setWorkHours] = useState(
    String((team?.workLimitMinutes ?? DEFAULT_WORK_HOURS * 60) / 60),
  );
  const [leaderUserId, setLeaderUserId] = useState(team?.leaderUserId ?? "");
  const [members, setMembers] = useState(membersText(team?.members ?? []));
  const [notes, setNotes] = useState(team?.notes ?? "");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const directory = useLoad(() => opsApi.directory(), []);
  const leaders = (directory.data ?? []).filter(
    (user) => user.roles.includes("team_lead") || user.id === leaderUserId,
  );

  const minutes = Math.round(Number(workHours) * 60);
  const ready = callSign.trim() !== "" && minutes >= 1 && minutes <= 24 * 60;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input: TeamInput = {
      callSign: callSign.trim(),
      name: name.trim(),
      organisation: organisation.trim(),
      capabilities: CAPABILITIES.filter((c) => capabilities.has(c)),
      members: parseMembers(members),
      leaderUserId: leaderUserId || null,
      availability,
      workLimitMinutes: minutes,
      notes,
    };
    try {
      const saved = team ? await opsApi.updateTeam(team.id, input) : await opsApi.createTeam(siteId, input);
      onDone(
        t(team ? "operations.teamForm.updated" : "operations.teamForm.created", {
          callSign: isolate(saved.callSign),
        }),
      );
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="team-form stack"
      aria-label={team ? t("operations.teamForm.editTitle") : t("operations.teamForm.newTitle")}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{team ? t("operations.teamForm.editTitle") : t("operations.teamForm.newTitle")}</h3>
      <div className="field-row">
        <Field label={t("operations.teamForm.callSign")}>
          <input value={callSign} onChange={(e) => setCallSign(e.target.value)} maxLength={40} required />
        </Field>
        <Field label={t("operations.teamForm.name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
      </div>
      <div className="field-row">
        <Field label={t("operations.teamForm.organisation")}>
          <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} maxLength={200} />
        </Field>
        <Field label={t("operations.teamForm.availability")}>
          <select value={availability} onChange={(e) => setAvailability(e.target.value)}>
            {AVAILABILITIES.map((value) => (
              <option key={value} value={value}>
                {labels.availability(value)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="capability-picker">
        <legend>{t("operations.teamForm.capabilities")}</legend>
        <ul>
          {CAPABILITIES.map((capability) => (
            <li key={capability}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={capabilities.has(capability)}
                  onChange={(e) =>
                    setCapabilities((current) => {
                      const next = new Set(current);
                      if (e.target.checked) next.add(capability);
                      else next.delete(capability);
                      return next;
                    })
                  }
                />
                {labels.capability(capability)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field-row">
        <Field label={t("operations.teamForm.leader")} hint={t("operations.teamForm.leaderHint")}>
          <select value={leaderUserId} onChange={(e) => setLeaderUserId(e.target.value)}>
            <option value="">{t("operations.teamForm.noLeader")}</option>
            {leaders.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName} ({user.username})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("operations.teamForm.workHours")}>
          <input
            type="number"
            min={0.5}
            max={24}
            step={0.5}
            value={workHours}
            onChange={(e) => setWorkHours(e.target.value)}
            dir="ltr"
          />
        </Field>
      </div>
      <Field label={t("operations.teamForm.members")} hint={t("operations.teamForm.membersHint")}>
        <textarea rows={3} value={members} onChange={(e) => setMembers(e.target.value)} />
      </Field>
      <Field label={t("operations.teamForm.notes")}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      {directory.error ? <ErrorMessage error={directory.error} /> : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !ready}>
          {team ? t("common.save") : t("operations.teamForm.create")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
