import { useTranslation } from "react-i18next";
import { Link } from "../app/router";
import { paths } from "../app/routes";

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <section className="page narrow">
      <h1>{t("forbidden.title")}</h1>
      <p>{t("forbidden.text")}</p>
      <p>
        <Link href={paths.home()}>{t("notFound.home")}</Link>
      </p>
    </section>
  );
}
