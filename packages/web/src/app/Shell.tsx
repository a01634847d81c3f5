/** Header (brand, navigation the user's roles allow, language switch, account menu) around the page. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AccountMenu } from "./AccountMenu";
import { LanguageSwitch } from "./LanguageSwitch";
import { Link, matchPath, useLocation } from "./router";
import { paths, ROUTES } from "./routes";
import { useSession } from "./session";

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { hasAnyRole } = useSession();
  const location = useLocation();
  const entries = ROUTES.filter(
    (route) => route.nav && (route.roles === "authenticated" || hasAnyRole(route.roles)),
  );

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <Link className="brand" href={paths.home()}>
          <span className="brand-mark" aria-hidden="true">
            {t("app.mark")}
          </span>
          <span className="brand-name">{t("app.name")}</span>
        </Link>
        <nav className="app-nav" aria-label={t("nav.label")}>
          <ul>
            {entries.map((route) => {
              // A nav entry is current on its own page and on the pages beneath it (/sites/… under /sites).
              const current =
                matchPath(route.pattern, location.pathname) !== null ||
                (route.pattern !== "/" && location.pathname.startsWith(`${route.pattern}/`));
              return (
                <li key={route.id}>
                  <Link href={route.pattern} aria-current={current ? "page" : undefined}>
                    {route.nav ? t(route.nav.label) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
