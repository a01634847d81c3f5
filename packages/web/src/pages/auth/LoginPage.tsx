import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Me } from "../../api/client";
import { LanguageSwitch } from "../../app/LanguageSwitch";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";

export function LoginPage({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(username.trim(), password));
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-top">
          <p className="brand">
            <span className="brand-mark" aria-hidden="true">
              {t("app.mark")}
            </span>
            <span className="brand-name">{t("app.name")}</span>
          </p>
          <LanguageSwitch />
        </div>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("app.tagline")}</p>
        {expired && (
          <p className="notice" role="status">
            {t("login.expired")}
          </p>
        )}
        <form onSubmit={submit} className="stack">
          <Field label={t("login.username")}>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              dir="ltr"
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </Field>
          <Field label={t("login.password")}>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              dir="ltr"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </Field>
          {error ? <ErrorMessage error={error} /> : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("login.signingIn") : t("login.submit")}
          </button>
        </form>
      </div>
    </main>
  );
}
