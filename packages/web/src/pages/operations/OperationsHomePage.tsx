/**
 * `/operations`: where operations start. A team leader goes to their assignments; everyone who may read
 * sites picks the site whose live board to open.
 */
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { Link } from "../../app/router";
import { paths } from "../../app/routes";
import { useSession } from "../../app/session";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import "../../styles/operations.css";

const FIELD_LEADS = ["admin", "coordinator", "team_lead"] as const;

export function OperationsHomePage() {
  const { t } = useTranslation();
  const { hasAnyRole } = useSession();
  const sites = useLoad(() => api.sites(), []);
  return (
    <section className="page operations-home">
      <h1>{t("operations.home.title")}</h1>
      {hasAnyRole(FIELD_LEADS) && (
        <p>
          <Link className="ops-link-button" href={paths.field()}>
            {t("operations.home.field")}
          </Link>
        </p>
      )}
      <h2>{t("operations.home.boards")}</h2>
      {sites.error ? <ErrorMessage error={sites.error} /> : null}
      {sites.data && sites.data.length === 0 && <p className="muted">{t("operations.home.noSites")}</p>}
      <ul className="card-list">
        {sites.data?.map((site) => (
          <li key={site.id} className="card">
            <Link href={paths.operations(site.id)}>
              <bdi>{site.name}</bdi>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
