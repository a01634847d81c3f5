import { MIN_PASSWORD_LENGTH } from "@athar/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";

/** The server's minimum (packages/server/src/auth/passwords.ts); checked here too for a quicker answer. */

export function AccountPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<"mismatch" | "short" | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setError(null);
    if (next.length < MIN_PASSWORD_LENGTH) return setProblem("short");
    if (next !== repeat) return setProblem("mismatch");
    setProblem(null);
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setDone(true);
      setCurrent("");
      setNext("");
      setRepeat("");
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow">
      <h1>{t("account.title")}</h1>
      <dl className="facts">
        <dt>{t("account.username")}</dt>
        <dd>
          <bdi>{me.username}</bdi>
        </dd>
        <dt>{t("account.roles")}</dt>
        <dd>{me.roles.map((role) => t(`roles.${role}`)).join(t("common.listSeparator"))}</dd>
      </dl>
      <h2>{t("account.changePassword")}</h2>
      <form className="stack" onSubmit={submit}>
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Field label={t("account.currentPassword")}>
          <input
            type="password"
            autoComplete="current-password"
            dir="ltr"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </Field>
        <Field
          label={t("account.newPassword")}
          hint={t("account.passwordRule", { count: MIN_PASSWORD_LENGTH })}
        >
          <input
            type="password"
            autoComplete="new-password"
            dir="ltr"
            required
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </Field>
        <Field label={t("account.repeatPassword")}>
          <input
            type="password"
            autoComplete="new-password"
            dir="ltr"
            required
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
          />
        </Field>
        {problem && (
          <p className="error-message" role="alert">
            {problem === "short"
              ? t("account.passwordRule", { count: MIN_PASSWORD_LENGTH })
              : t("account.mismatch")}
          </p>
        )}
        {error ? <ErrorMessage error={error} /> : null}
        {done && (
          <p className="notice success" role="status">
            {t("account.changed")}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t("account.save")}
        </button>
      </form>
    </section>
  );
}
