import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkCss,
  checkI18n,
  checkSource,
  checkTranslations,
  DEFAULT_PATHS,
} from "../../../scripts/check-i18n";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SCRIPT = path.join(REPO_ROOT, "scripts/check-i18n.ts");
const temporary: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-i18n-"));
  temporary.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

const lines = (problems: { line: number }[]) => problems.map((p) => p.line);

describe("check-i18n: source files", () => {
  it("passes code that takes every visible string from t()", () => {
    const clean = [
      'import { useTranslation } from "react-i18next";',
      "export function Ok({ kind, name }: { kind: string; name: string }) {",
      "  const { t } = useTranslation();",
      '  const label = kind === "cell" ? t("spaceKind.cell") : t("spaceKind.room");',
      "  return (",
      '    <div className="panel" data-kind="cell" role="group" aria-label={t("plan.title")}>',
      '      <button type="button" title={t("plan.zoom.in")} aria-pressed={kind === "x"}>+</button>',
      "      <span>{label} · {name}</span>",
      '      <input placeholder={t("level.filter")} dir="ltr" />',
      '      <img alt={t("app.name")} src="/logo.svg" />',
      '      {kind === "cell" && <b>{t("status.known")}</b>}',
      '      <svg viewBox="0 0 10 10"><text>?</text><path d="M0 0 L10 10" /></svg>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      "      <p>{`${name} — ${42}`}</p>",
      '      <p>{t("plan.metres", { value: "2" })}</p>',
      "      {/* a comment with words in it */}",
      "    </div>",
      "  );",
      "}",
    ].join("\n");
    expect(checkSource("Ok.tsx", clean)).toEqual([]);
  });

  it("catches each kind of planted string, at its line", () => {
    const planted = [
      "export function Bad({ busy, name }: { busy: boolean; name: string }) {", // 1
      "  return (", // 2
      "    <div>", // 3
      "      <p>Hello there</p>", // 4
      '      <button aria-label="Close">×</button>', // 5
      '      <input placeholder={busy ? "Wait" : name} />', // 6
      '      <span title={"Zoom in"} />', // 7
      '      {busy && "Saving…"}', // 8
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      "      <img alt={`Photo of ${name}`} />", // 9
      '      <Option label="First" value="1" />', // 10
      "      <p>مرحبا</p>", // 11
      '      <abbr title={name ?? "unknown"} />', // 12
      '      <p>{"Literal child"}</p>', // 13
      "    </div>", // 14
      "  );", // 15
      "}", // 16
    ].join("\n");
    const problems = checkSource("Bad.tsx", planted);
    expect(lines(problems)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(problems[0]?.message).toContain("Hello there");
    expect(problems[1]?.message).toContain("aria-label");
    expect(problems.every((p) => p.file === "Bad.tsx" && p.column > 0)).toBe(true);
  });

  it("skips a line marked i18n-ignore, and only that one", () => {
    const code = [
      "export const A = () => (",
      "  <p>",
      "    {/* i18n-ignore: a unit symbol */}",
      "    km",
      "    <span>words</span>",
      "  </p>",
      ");",
    ].join("\n");
    expect(lines(checkSource("A.tsx", code))).toEqual([5]);
  });

  it("rejects physical directions in inline styles", () => {
    const code = [
      "export const S = () => (",
      '  <div style={{ marginLeft: 4, textAlign: "right", marginInlineStart: 4 }} />',
      ");",
    ].join("\n");
    const problems = checkSource("S.tsx", code);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining("marginLeft"),
      expect.stringContaining("textAlign"),
    ]);
  });
});

describe("check-i18n: stylesheets", () => {
  it("flags physical left/right and passes logical properties", () => {
    const css = [
      "/* margin-left in a comment is fine */", // 1
      ".a { margin-inline-start: 1rem; inset-inline-end: 0; text-align: start; }", // 2
      ".b { margin-left: 1rem; }", // 3
      ".c {", // 4
      "  right: 0;", // 5
      "  text-align: left;", // 6
      "  border-top-right-radius: 4px;", // 7
      "  padding-right: 2px;", // 8
      "}", // 9
      "@media (max-width: 40rem) { .d { float: right; } }", // 10
      ".left-panel:hover { color: red; }", // 11
    ].join("\n");
    expect(lines(checkCss("x.css", css))).toEqual([3, 5, 6, 7, 8, 10]);
  });
});

describe("check-i18n: translation files", () => {
  const write = (dir: string, name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
    return file;
  };
  const arPlural = (text: string) =>
    Object.fromEntries(["zero", "one", "two", "few", "many", "other"].map((c) => [`n_${c}`, text]));

  it("accepts the same keys, with each language's own plural forms", () => {
    const dir = tempDir();
    const ar = write(dir, "ar.json", { a: { b: "ب" }, ...arPlural("{{count}} ع") });
    const en = write(dir, "en.json", { a: { b: "b" }, n_one: "{{count}} x", n_other: "{{count}} xs" });
    expect(checkTranslations({ ar, en })).toEqual([]);
  });

  it("names a key missing on either side, with the file and line where it is", () => {
    const dir = tempDir();
    const ar = write(dir, "ar.json", { a: { b: "ب" }, onlyAr: "ع" });
    const en = write(dir, "en.json", { a: { b: "b", c: "c" } });
    const problems = checkTranslations({ ar, en });
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: ar, line: 5, message: expect.stringContaining('"onlyAr"') }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: en, line: 4, message: expect.stringContaining('"a.c"') }),
    );
  });

  it("requires every Arabic plural form and the same placeholders", () => {
    const dir = tempDir();
    const ar = write(dir, "ar.json", { n_one: "واحد", n_other: "{{count}}", g: "مرحبا {{who}}" });
    const en = write(dir, "en.json", { n_one: "{{count}} x", n_other: "{{count}} xs", g: "hello {{name}}" });
    const messages = checkTranslations({ ar, en }).map((p) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^plural "n" lacks the ar form\(s\) /);
    for (const form of ["_zero", "_two", "_few", "_many"]) expect(messages[0]).toContain(form);
    expect(messages[0]).not.toMatch(/_one|_other/);
    expect(messages[1]).toMatch(/"g": placeholders differ .*\{\{who\}\}.*\{\{name\}\}/);
  });

  it("reports invalid JSON and empty strings", () => {
    const dir = tempDir();
    const ar = path.join(dir, "ar.json");
    fs.writeFileSync(ar, '{ "a": "ا", }\n');
    const en = write(dir, "en.json", { a: "" });
    const messages = checkTranslations({ ar, en }).map((p) => p.message);
    expect(messages.some((m) => m.startsWith("invalid JSON"))).toBe(true);
    expect(messages.some((m) => m.includes('"a" must be a non-empty string'))).toBe(true);
  });
});

describe("check-i18n: area translation files", () => {
  it("checks each area's pair and refuses an area that shadows a core key", () => {
    const dir = tempDir();
    const src = path.join(dir, "src");
    fs.mkdirSync(src);
    const core = (language: string, value: unknown) => {
      const file = path.join(dir, `${language}.json`);
      fs.writeFileSync(file, JSON.stringify(value));
      return file;
    };
    const ar = core("ar", { nav: { sites: "مواقع" } });
    const en = core("en", { nav: { sites: "Sites" } });
    const areas = path.join(dir, "areas");
    for (const [area, arValue, enValue] of [
      ["search", { title: "بحث" }, { title: "Search", extra: "Only English" }],
      ["nav", { x: "س" }, { x: "x" }],
    ] as const) {
      fs.mkdirSync(path.join(areas, area), { recursive: true });
      fs.writeFileSync(path.join(areas, area, "ar.json"), JSON.stringify(arValue));
      fs.writeFileSync(path.join(areas, area, "en.json"), JSON.stringify(enValue));
    }
    fs.mkdirSync(path.join(areas, "half"));
    fs.writeFileSync(path.join(areas, "half", "en.json"), "{}");
    const messages = checkI18n({ src, ar, en, areas }).problems.map((p) => p.message);
    expect(messages).toHaveLength(3);
    expect(messages).toContainEqual(expect.stringContaining('"extra" is missing from ar.json'));
    expect(messages).toContainEqual('area "nav" is also a key of en.json');
    expect(messages).toContainEqual("missing ar.json");
  });
});

describe("check-i18n: the web app and the command", () => {
  it("finds the real web app clean", () => {
    const { problems, files } = checkI18n(DEFAULT_PATHS);
    expect(problems).toEqual([]);
    expect(files).toBeGreaterThan(10);
  });

  it("as a command, exits 1 and names file:line for a planted string", () => {
    const dir = tempDir();
    const src = path.join(dir, "src");
    fs.mkdirSync(path.join(src, "pages"), { recursive: true });
    fs.writeFileSync(
      path.join(src, "pages", "Planted.tsx"),
      "export const P = () => (\n  <main>\n    <h1>Planted title</h1>\n  </main>\n);\n",
    );
    fs.writeFileSync(
      path.join(src, "Clean.tsx"),
      'export const C = (t: (k: string) => string) => <h1>{t("app.title")}</h1>;\n',
    );
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", SCRIPT, "--src", src, "--ar", DEFAULT_PATHS.ar, "--en", DEFAULT_PATHS.en],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    expect(run.status).toBe(1);
    const reported = run.stderr.split("\n").filter((line) => /:\d+:\d+: /.test(line));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain(
      `${path.join("pages", "Planted.tsx")}:3:9: untranslated JSX text "Planted title"`,
    );
  });
});
