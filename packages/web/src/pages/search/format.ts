/** Probabilities as percentages in the user's language (never above 100 %, small values with two digits). */
import { useMemo } from "react";
import { useFormat } from "../../i18n/format";

export type PercentFormat = (value: number) => string;

export function usePercent(): PercentFormat {
  const { locale } = useFormat();
  return useMemo(() => {
    const small = new Intl.NumberFormat(locale, { style: "percent", maximumSignificantDigits: 2 });
    const normal = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    return (value: number) => {
      const v = Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0));
      return v > 0 && v < 0.01 ? small.format(v) : normal.format(v);
    };
  }, [locale]);
}
