/**
 * What the phone has recorded and not yet sent, oldest first, with what happened at the last attempt.
 * Items the server refused wait for the team leader: discard them, or (a key the server holds for another
 * report) send the report again as a new one.
 */
import { useTranslation } from "react-i18next";
import { discard, type OutboxItem, resendWithNewKey } from "../../offline/outbox";
import { useOpsLabels, useWhen } from "./labels";
import type { OutboxState } from "./useOutbox";

function ItemLine({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const labels = useOpsLabels();
  const when = useWhen();
  const what =
    item.kind === "report"
      ? t("operations.outbox.report", { outcome: labels.outcome(item.input.outcome) })
      : item.kind === "start"
        ? t("operations.outbox.start")
        : t("operations.outbox.photo");
  return (
    <li className={`outbox-item${item.problem && item.problem.kind !== "retry" ? " needs-attention" : ""}`}>
      <p>
        <strong>{what}</strong> · <bdi>{item.label}</bdi>
      </p>
      <p className="muted">
        {t("operations.outbox.recorded", { time: when(item.createdAt) })}
        {item.attempts > 0 ? ` · ${t("operations.outbox.attempts", { count: item.attempts })}` : ""}
      </p>
      {item.problem?.kind === "correct" && (
        <div className="outbox-problem">
          <p>
            {t("operations.outbox.refused")} {t(`errors.${item.problem.code}`)}
          </p>
          {item.problem.details.length > 0 && (
            <ul dir="ltr" lang="en" className="muted">
              {item.problem.details.map((d) => (
                <li key={`${d.path ?? ""}${d.message}`}>{d.message}</li>
              ))}
            </ul>
          )}
          <button type="button" className="danger" onClick={() => void discard(item.id)}>
            {t("operations.outbox.discard")}
          </button>
        </div>
      )}
      {item.problem?.kind === "key_conflict" && (
        <div className="outbox-problem">
          <p>{t("operations.outbox.keyConflict")}</p>
          <div className="actions">
            <button type="button" onClick={() => void resendWithNewKey(item.id)}>
              {t("operations.outbox.sendAsNew")}
            </button>
            <button type="button" className="danger" onClick={() => void discard(item.id)}>
              {t("operations.outbox.discard")}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export function OutboxPanel({ state }: { state: OutboxState }) {
  const { t } = useTranslation();
  const when = useWhen();
  if (state.unavailable)
    return (
      <p className="notice danger" role="alert">
        {t("operations.outbox.unavailable")}
      </p>
    );
  if (!state.ready) return null;
  const reports = state.items.filter((item) => item.kind === "report").length;
  if (state.items.length === 0)
    return (
      <p className="outbox-empty muted" data-outbox-count={0}>
        {t("operations.outbox.allSent")}
      </p>
    );
  return (
    <section className="outbox card" aria-labelledby="outbox-title" data-outbox-count={state.items.length}>
      <h2 id="outbox-title">{t("operations.outbox.title", { count: reports })}</h2>
      <p className="muted">
        {t("operations.outbox.hint")}
        {state.lastRun ? ` ${t("operations.outbox.lastTry", { time: when(state.lastRun.at) })}` : ""}
      </p>
      <ol className="outbox-list">
        {state.items.map((item) => (
          <ItemLine key={item.id} item={item} />
        ))}
      </ol>
      <button type="button" onClick={state.sendNow} disabled={state.sending}>
        {state.sending ? t("operations.outbox.sending") : t("operations.outbox.sendNow")}
      </button>
    </section>
  );
}
