/**
 * The INSARAG marking a report implies, drawn as the team paints it on the wall (docs/decisions/
 * ops-markings-and-capabilities.md): hazards above the box, the worksite ID and one line per ASR level
 * inside, the triage category below, victim marks ("V" with L-n / D-n) beside it, and a line through all
 * of it when no further work is needed. Painted marks are Latin letters: the drawing is left to right in
 * both languages.
 */
import { useTranslation } from "react-i18next";
import type { Marking } from "../../api/operations";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** "09 DEC 2024", UTC, as on the server (day and month cannot be swapped between countries). */
function paintedDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${String(date.getUTCDate()).padStart(2, "0")} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function MarkingView({ marking }: { marking: Marking }) {
  const { t } = useTranslation();
  return (
    <figure className="marking">
      <figcaption>
        {t("operations.marking.caption")} <bdi>{marking.label}</bdi>
      </figcaption>
      <div
        className={`marking-paint${marking.noFurtherWork ? " no-further-work" : ""}`}
        dir="ltr"
        role="img"
        aria-label={t("operations.marking.described", { text: marking.text })}
      >
        <div className="marking-main">
          {marking.hazards.map((hazard) => (
            <p key={hazard} className="marking-hazard">
              {hazard.toUpperCase()}
            </p>
          ))}
          <div className="marking-box">
            <p className="marking-id">{marking.worksiteId}</p>
            {marking.asr.map((entry) => (
              <p key={`${entry.teamCallSign}-${entry.level}-${entry.at}`}>
                {/* i18n-ignore: the painted line is the same in every language */}
                {`${entry.teamCallSign} - ASR ${entry.level} - ${paintedDate(entry.at)}`}
              </p>
            ))}
          </div>
          {marking.triage ? <p className="marking-triage">{marking.triage}</p> : null}
        </div>
        {marking.victims.map((victim, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: victim marks have no identity beyond their place
          <div key={index} className="marking-victim">
            <p className="marking-v">{victim.mark}</p>
            {victim.lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        ))}
      </div>
      {marking.noFurtherWork ? <p className="muted">{t("operations.marking.noFurtherWork")}</p> : null}
    </figure>
  );
}
