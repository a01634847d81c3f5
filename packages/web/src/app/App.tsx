/** The app: who is signed in decides between the sign-in screen and the shell with the routed page. */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../components/ErrorMessage";
import { LoginPage } from "../pages/auth/LoginPage";
import { ForbiddenPage } from "../pages/ForbiddenPage";
import { NotFoundPage } from "../pages/NotFoundPage";
import { matchPath, useLocation } from "./router";
import { PUBLIC_ROUTES, ROUTES } from "./routes";
import { Shell } from "./Shell";
import { mayUse, SessionProvider, useSessionState } from "./session";

export function App() {
  const { t } = useTranslation();
  const { state, signedIn, signedOut, retry } = useSessionState();
  const location = useLocation();

  // Public pages (no account) come first: they never wait for, or depend on, the session.
  for (const route of PUBLIC_ROUTES) {
    const params = matchPath(route.pattern, location.pathname);
    if (!params) continue;
    const Page = route.page;
    return <Page key={route.id} params={params} query={location.query} />;
  }

  if (state.status === "loading") {
    return (
      <p className="splash" aria-busy="true">
        {t("common.loading")}
      </p>
    );
  }
  if (state.status === "failed") {
    return (
      <main className="splash">
        <ErrorMessage error={state.error} />
        <button type="button" onClick={retry}>
          {t("common.retry")}
        </button>
      </main>
    );
  }
  if (state.status === "anonymous") return <LoginPage expired={state.expired} onSignedIn={signedIn} />;

  let page = <NotFoundPage />;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, location.pathname);
    if (!params) continue;
    const Page = route.page;
    page = mayUse(state.me, route.roles) ? (
      <Page key={route.id} params={params} query={location.query} />
    ) : (
      <ForbiddenPage />
    );
    break;
  }

  return (
    <SessionProvider me={state.me} onSignedOut={signedOut}>
      <Shell>{page}</Shell>
    </SessionProvider>
  );
}
