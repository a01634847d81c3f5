/** With nothing selected, the panel describes the level and lists its spaces (the keyboard way to pick one). */
import type { Space } from "@athar/core";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LevelSummary } from "../../api/client";
import { Field } from "../../components/Field";
import { useFormat } from "../../i18n/format";
import { KIND_FILL } from "../../plan/planStyle";

export function LevelOverview({
  level,
  spaces,
  onSelect,
}: {
  level: LevelSummary;
  spaces: readonly Space[];
  onSelect(spaceId: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [filter, setFilter] = useState("");
  const wanted = useDeferredValue(filter.trim().toLocaleLowerCase());
  const shown = spaces.filter(
    (space) =>
      wanted === "" ||
      space.name.toLocaleLowerCase().includes(wanted) ||
      t(`spaceKind.${space.kind}`).toLocaleLowerCase().includes(wanted),
  );

  return (
    <div className="stack">
      <h2>{t("level.title")}</h2>
      <dl className="facts">
        <dt>{t("level.name")}</dt>
        <dd>
          <bdi>{level.name}</bdi>
        </dd>
        <dt>{t("level.ordinal")}</dt>
        <dd>
          <span dir="ltr">{format.ordinal(level.ordinal)}</span>
        </dd>
        <dt>{t("level.status")}</dt>
        <dd>{t(`status.${level.status}`)}</dd>
        <dt>{t("level.spaces")}</dt>
        <dd>{format.number(spaces.length)}</dd>
      </dl>
      <Field label={t("level.filter")}>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </Field>
      <ul className="space-list">
        {shown.map((space) => (
          <li key={space.id}>
            <button type="button" onClick={() => onSelect(space.id)}>
              <span className="swatch-dot" style={{ background: KIND_FILL[space.kind] }} aria-hidden="true" />
              <bdi>{space.name || t(`spaceKind.${space.kind}`)}</bdi>
              <span className="muted">{t(`spaceKind.${space.kind}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="muted">{t("level.noSpaces")}</p>}
    </div>
  );
}
