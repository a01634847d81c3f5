import { useTranslation } from "react-i18next";
import { Link } from "../app/router";
import { paths } from "../app/routes";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page narrow">
      <h1>{t("notFound.title")}</h1>
      <p>
        <Link href={paths.home()}>{t("notFound.home")}</Link>
      </p>
    </section>
  );
}
