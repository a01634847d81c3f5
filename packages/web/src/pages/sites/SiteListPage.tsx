import { ROLE_GROUPS } from "@athar/core";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { Link } from "../../app/router";
import { paths } from "../../app/routes";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import { useFormat } from "../../i18n/format";

export function SiteListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const sites = useLoad(() => api.sites(), []);
  const { hasAnyRole } = useSession();

  return (
    <section className="page">
      <h1>{t("sites.title")}</h1>
      {hasAnyRole(ROLE_GROUPS.siteEditors) && (
        <p>
          <Link className="button-link" href={paths.siteImport()}>
            {t("siteAnalysis.importImdf")}
          </Link>
        </p>
      )}
      {sites.error ? <ErrorMessage error={sites.error} /> : null}
      {sites.loading && !sites.data ? <p aria-busy="true">{t("common.loading")}</p> : null}
      {sites.data && sites.data.length === 0 ? <p>{t("sites.none")}</p> : null}
      <ul className="card-list">
        {sites.data?.map((site) => (
          <li key={site.id} className="card">
            <h2>
              <Link href={paths.plan(site.id)}>
                <bdi>{site.name}</bdi>
              </Link>
            </h2>
            {site.description ? (
              <p>
                <bdi>{site.description}</bdi>
              </p>
            ) : null}
            <p className="muted">{t("sites.updated", { when: format.dateTime(site.updatedAt) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
