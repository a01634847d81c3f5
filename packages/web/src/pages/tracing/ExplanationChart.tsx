/**
 * Why the matcher proposes a pair: one row per compared field with both values, the agreement level, and
 * the field's weight in bits (Fellegi–Sunter: log2(m/u), plus a term-frequency adjustment when a common
 * name counts less). Each weight is a bar from a centre line — towards a match or against it — in two
 * colours that colour-blind readers tell apart (blue and orange), with a hatched pattern on the bars
 * against, an arrow and the signed number in words, so that nothing rests on colour alone. The chart's
 * axis runs left to right in both languages, like a number line.
 */
import { type Explanation, type FieldContribution, SEXES, type Sex } from "@athar/registry";
import { useTranslation } from "react-i18next";
import type { TranslationKey } from "../../i18n/keys";
import { useNumbers, usePartialDate } from "./parts";

/** Which family of comparison a field belongs to (its levels are named per family). */
function fieldKind(field: string): string {
  if (field.endsWith("_name")) return "name";
  if (field.endsWith("_date")) return "date";
  if (field === "national_id") return "identifier";
  if (field === "sex") return "sex";
  if (field === "birth_place") return "place";
  return "other";
}

export function useExplanationLabels() {
  const { t, i18n } = useTranslation();
  const date = usePartialDate();
  return {
    /** A compared value as the engine read it, in the page's language where it is a code or a date. */
    value: (field: string, text: string): string => {
      if (field === "sex" && (SEXES as readonly string[]).includes(text))
        return t(`tracing.sex.${text as Sex}`);
      if (field.endsWith("_date")) return date(text);
      return text;
    },
    field: (field: string): string => {
      const key = `tracing.field.${field}`;
      return i18n.exists(key) ? t(key as TranslationKey) : field;
    },
    level: (contribution: FieldContribution): { text: string; english: boolean } => {
      const key = `tracing.level.${fieldKind(contribution.field)}.${contribution.level}`;
      if (i18n.exists(key)) return { text: t(key as TranslationKey), english: false };
      return { text: contribution.label || contribution.level, english: true };
    },
  };
}

function BitsBar({ bits, scale }: { bits: number; scale: number }) {
  const { t } = useTranslation();
  const numbers = useNumbers();
  const share = Math.min(1, Math.abs(bits) / scale) * 50;
  const direction = bits > 0.05 ? "for" : bits < -0.05 ? "against" : "neutral";
  const arrow = direction === "for" ? "▲" : direction === "against" ? "▼" : "•";
  return (
    <div className={`bits bits-${direction}`}>
      <div className="bits-track" dir="ltr" aria-hidden="true">
        <span className="bits-axis" />
        {direction !== "neutral" ? (
          <span
            className="bits-bar"
            style={{
              insetInlineStart: direction === "for" ? "50%" : `${50 - share}%`,
              inlineSize: `${Math.max(share, 0.8)}%`,
            }}
          />
        ) : null}
      </div>
      <span className="bits-value">
        <span aria-hidden="true">{arrow} </span>
        <span dir="ltr" className="bits-number">
          {numbers.signed(bits)}
        </span>{" "}
        {t("tracing.review.bitsUnit")}
        <span className="bits-direction"> · {t(`tracing.review.direction.${direction}`)}</span>
      </span>
    </div>
  );
}

export function ExplanationChart({
  explanation,
  leftTitle,
  rightTitle,
}: {
  explanation: Explanation;
  leftTitle: string;
  rightTitle: string;
}) {
  const { t } = useTranslation();
  const numbers = useNumbers();
  const labels = useExplanationLabels();
  const totals = explanation.fields.map((f) => f.bits + f.termFrequencyBits);
  const scale = Math.max(8, ...totals.map(Math.abs), Math.abs(explanation.priorBits) / 2);
  return (
    <div className="explanation">
      <table className="explain-table">
        <caption className="visually-hidden">{t("tracing.review.explanationCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("tracing.review.field")}</th>
            <th scope="col">{leftTitle}</th>
            <th scope="col">{rightTitle}</th>
            <th scope="col">{t("tracing.review.level")}</th>
            <th scope="col">{t("tracing.review.weight")}</th>
          </tr>
        </thead>
        <tbody>
          {explanation.fields.map((field, index) => {
            const level = labels.level(field);
            const total = totals[index] ?? field.bits;
            return (
              <tr key={field.field}>
                <th scope="row">{labels.field(field.field)}</th>
                <td data-label={leftTitle}>
                  <bdi>{labels.value(field.field, field.left)}</bdi>
                </td>
                <td data-label={rightTitle}>
                  <bdi>{labels.value(field.field, field.right)}</bdi>
                </td>
                <td data-label={t("tracing.review.level")}>
                  {level.english ? (
                    <span lang="en" dir="ltr">
                      {level.text}
                    </span>
                  ) : (
                    level.text
                  )}
                  {field.termFrequencyBits !== 0 ? (
                    <span className="muted tf-note">
                      {" "}
                      {t("tracing.review.termFrequency", { bits: numbers.signed(field.termFrequencyBits) })}
                    </span>
                  ) : null}
                </td>
                <td data-label={t("tracing.review.weight")}>
                  <BitsBar bits={total} scale={scale} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("tracing.review.prior")}</th>
            <td colSpan={3} className="muted">
              {t("tracing.review.priorExplain")}
            </td>
            <td>
              <span dir="ltr" className="bits-number">
                {numbers.signed(explanation.priorBits)}
              </span>{" "}
              {t("tracing.review.bitsUnit")}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("tracing.review.total")}</th>
            <td colSpan={3} className="muted">
              {t("tracing.review.totalExplain")}
            </td>
            <td>
              <strong>
                <span dir="ltr" className="bits-number">
                  {numbers.signed(explanation.matchWeight)}
                </span>{" "}
                {t("tracing.review.bitsUnit")}
              </strong>
            </td>
          </tr>
          <tr>
            <th scope="row">{t("tracing.review.probability")}</th>
            <td colSpan={3} className="muted">
              {t(`tracing.proposals.engine.${explanation.engine}`)}
            </td>
            <td>
              <strong>{numbers.percent(explanation.probability)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
