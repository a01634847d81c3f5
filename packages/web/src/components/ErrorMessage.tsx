import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

/** Shows an error in the user's language by its code; the server's own words stay in a disclosure. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  const code = apiError?.code ?? "bad_response";
  return (
    <div className="error-message" role="alert">
      <p>{t(`errors.${code}`)}</p>
      {apiError && (apiError.details.length > 0 || apiError.code === "internal_error") && (
        <details>
          <summary>{t("common.technicalDetails")}</summary>
          <ul dir="ltr" lang="en">
            <li>{apiError.message}</li>
            {apiError.details.map((detail) => (
              <li key={`${detail.path ?? ""}:${detail.message}`}>
                {detail.path ? <code>{detail.path}</code> : null} {detail.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
