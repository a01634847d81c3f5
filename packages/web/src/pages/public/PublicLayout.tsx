/**
 * The frame of the public pages (no account): the name, the language switch and the page. No navigation,
 * no session: nothing here may depend on who is signed in or on what the registry holds.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../app/LanguageSwitch";
import { Link } from "../../app/router";
import { tracingPaths } from "../tracing/paths";
import "../../styles/tracing.css";

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public-shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="public-header">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true">
            {t("app.mark")}
          </span>
          <span className="brand-name">{t("app.name")}</span>
        </p>
        <nav className="public-nav" aria-label={t("tracing.public.navLabel")}>
          <Link href={tracingPaths.publicInquiry()}>{t("tracing.public.navForm")}</Link>
          <Link href={tracingPaths.publicStatus()}>{t("tracing.public.navStatus")}</Link>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main" className="public-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
