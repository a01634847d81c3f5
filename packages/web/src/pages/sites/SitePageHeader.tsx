/**
 * The header of a site's views (plan, analysis, search): breadcrumbs, the site's name, the view tabs with
 * import or export, anything the view adds (`children`), and the live indicator.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SiteOutline } from "../../api/client";
import { Link } from "../../app/router";
import { paths } from "../../app/routes";
import { SiteViewTabs } from "../site-analysis/SiteViewTabs";
import { LiveIndicator } from "./LiveIndicator";
import type { LiveState } from "./useLiveChanges";

export function SitePageHeader({
  siteId,
  outline,
  current,
  live,
  children,
}: {
  siteId: string;
  /** The site's outline once loaded. */
  outline: SiteOutline | null | undefined;
  current: "plan" | "analysis" | "search";
  live: LiveState;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <header className="plan-header">
      <p className="breadcrumbs">
        <Link href={paths.sites()}>{t("nav.sites")}</Link>
      </p>
      <h1>
        <bdi>{outline?.site.name ?? t("common.loading")}</bdi>
      </h1>
      <SiteViewTabs
        siteId={siteId}
        current={current}
        empty={outline ? outline.levels.length === 0 : false}
        placed={outline ? outline.site.refLat !== null && outline.site.refLon !== null : false}
      />
      {children}
      <LiveIndicator live={live} />
    </header>
  );
}
