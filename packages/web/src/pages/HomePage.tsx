/** `/`: opens the first area the user's roles allow; with none, says so instead of showing an empty app. */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { navigate } from "../app/router";
import { ROUTES } from "../app/routes";
import { useSession } from "../app/session";

export function HomePage() {
  const { t } = useTranslation();
  const { hasAnyRole } = useSession();
  const first = ROUTES.find(
    (route) => route.nav && (route.roles === "authenticated" || hasAnyRole(route.roles)),
  );
  useEffect(() => {
    if (first) navigate(first.pattern, { replace: true });
  }, [first]);
  if (first) return null;
  return (
    <section className="page narrow">
      <h1>{t("home.title")}</h1>
      <p>{t("home.noAreas")}</p>
    </section>
  );
}
