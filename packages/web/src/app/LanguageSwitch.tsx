import { useTranslation } from "react-i18next";
import { currentLanguage, setLanguage } from "../i18n";

/** One button: shows the other language in its own script (a reader of it finds it in any language). */
export function LanguageSwitch({ className = "language-switch" }: { className?: string }) {
  const { t } = useTranslation();
  const other = currentLanguage() === "ar" ? "en" : "ar";
  return (
    <button
      type="button"
      className={className}
      lang={other}
      onClick={() => setLanguage(other)}
      title={t("language.switchLabel")}
    >
      {t("language.other")}
    </button>
  );
}
