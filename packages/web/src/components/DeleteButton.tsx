import { useState } from "react";
import { useTranslation } from "react-i18next";

/** Delete in two steps: the first press asks, the second deletes; Cancel or leaving the form backs out. */
export function DeleteButton({ onDelete, busy }: { onDelete: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="danger" onClick={() => setAsking(true)} disabled={busy}>
        {t("common.delete")}
      </button>
    );
  return (
    <fieldset className="confirm">
      <legend>{t("common.confirmDelete")}</legend>
      <button type="button" className="danger" onClick={onDelete} disabled={busy}>
        {t("common.deleteConfirmed")}
      </button>
      <button type="button" onClick={() => setAsking(false)} disabled={busy}>
        {t("common.cancel")}
      </button>
    </fieldset>
  );
}
