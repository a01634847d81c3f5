/**
 * The site's views as tabs (plan, analysis, search, and the operations board) and its IMDF export, for the header of the plan page and the
 * analysis page. The export is a plain download link: the browser saves the zip the server sends.
 */
import { ROLE_GROUPS } from "@athar/core";
import { useTranslation } from "react-i18next";
import { siteAnalysisApi } from "../../api/site-analysis";
import { Link } from "../../app/router";
import { paths } from "../../app/routes";
import { useSession } from "../../app/session";
import "../../styles/site-analysis.css";

export function SiteViewTabs({
  siteId,
  current,
  empty = false,
  placed = true,
}: {
  siteId: string;
  current: "plan" | "analysis" | "search";
  /** A site with no levels yet: offer an import instead of an export. */
  empty?: boolean;
  /** The site has a reference point (refLat/refLon): without one it cannot be exported to WGS84. */
  placed?: boolean;
}) {
  const { t } = useTranslation();
  const { hasAnyRole } = useSession();
  return (
    <div className="site-view-tabs">
      <nav aria-label={t("siteAnalysis.tabs.label")}>
        <Link href={paths.plan(siteId)} aria-current={current === "plan" ? "page" : undefined}>
          {t("siteAnalysis.tabs.plan")}
        </Link>
        <Link href={paths.siteAnalysis(siteId)} aria-current={current === "analysis" ? "page" : undefined}>
          {t("siteAnalysis.tabs.analysis")}
        </Link>
        <Link href={paths.search(siteId)} aria-current={current === "search" ? "page" : undefined}>
          {t("search.tab")}
        </Link>
        <Link href={paths.operations(siteId)}>{t("operations.nav.area")}</Link>
      </nav>
      {empty ? (
        hasAnyRole(ROLE_GROUPS.siteEditors) && (
          <Link className="button-link" href={paths.siteImport(siteId)}>
            {t("siteAnalysis.importIntoSite")}
          </Link>
        )
      ) : placed ? (
        <a className="button-link" href={siteAnalysisApi.exportUrl(siteId)} download>
          {t("siteAnalysis.exportImdf")}
        </a>
      ) : null}
    </div>
  );
}
