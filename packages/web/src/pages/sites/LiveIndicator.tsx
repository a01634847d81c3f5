/** Whether this page receives the site's live changes: connecting, live, or offline. */
import { useTranslation } from "react-i18next";
import type { LiveState } from "./useLiveChanges";

export function LiveIndicator({ live }: { live: LiveState }) {
  const { t } = useTranslation();
  return (
    <p className={`live-state live-${live}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      {t(`plan.live.${live}`)}
    </p>
  );
}
