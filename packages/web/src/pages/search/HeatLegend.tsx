/**
 * What the heat map's colours mean: the viridis scale from 0 to the largest probability on the site, with
 * three labelled ticks, and the colour of spaces the search log does not know. Drawn in the reading
 * direction (in Arabic the scale runs from right to left).
 */
import { useTranslation } from "react-i18next";
import type { SubjectClassChoice } from "../../api/search";
import { usePercent } from "./format";
import { NOT_IN_LOG, probabilityColour } from "./palette";

const STOPS = Array.from({ length: 11 }, (_, i) => i / 10);

export function HeatLegend({ max, subjectClass }: { max: number; subjectClass: SubjectClassChoice }) {
  const { t, i18n } = useTranslation();
  const percent = usePercent();
  const rtl = i18n.dir() === "rtl";
  const gradient = `linear-gradient(to ${rtl ? "left" : "right"}, ${STOPS.map(
    (at) => `${probabilityColour(at)} ${at * 100}%`,
  ).join(", ")})`;
  return (
    <figure className="heat-legend">
      <figcaption>{t(`search.legend.title.${subjectClass}`)}</figcaption>
      <div className="heat-scale">
        <div className="heat-bar" style={{ backgroundImage: gradient }} aria-hidden="true" />
        <div className="heat-ticks">
          <span>{percent(0)}</span>
          <span>{percent(max / 2)}</span>
          <span>{percent(max)}</span>
        </div>
      </div>
      <p className="heat-note">
        <span className="swatch-dot" style={{ background: NOT_IN_LOG }} aria-hidden="true" />
        {t("search.legend.notInLog")}
      </p>
      <p className="heat-note muted">{t("search.legend.scale")}</p>
    </figure>
  );
}
