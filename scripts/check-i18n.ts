/**
 * `npm run check:i18n`: fails (exit 1, naming file:line) when the web app shows a user-visible string that
 * is not in the translation files, when the translations disagree, or when CSS uses physical directions.
 *
 * In packages/web/src it reports:
 * - JSX text with a letter in it (`<p>Save</p>`, `<p>حفظ</p>`);
 * - string literals with a letter that reach a user-visible prop (aria-label, title, placeholder, alt,
 *   label, …) or a JSX child, directly or through `cond ? "a" : "b"`, `a ?? "b"`, templates and the like;
 *   literals passed to a function (`t("plan.title")`) or compared (`kind === "cell"`) are not shown text;
 * - physical left/right in CSS (`margin-left`, `text-align: right`, `left:`) and in inline style objects,
 *   since the app is laid out in both directions with logical properties;
 * and in the translation files:
 * - keys present in one language and not the other (plural forms compared by their base key);
 * - a plural key lacking one of the language's plural categories (Intl.PluralRules);
 * - placeholders (`{{name}}`) that differ between the languages.
 *
 * A line with the comment `i18n-ignore` (or the line after it) is skipped: for the rare string that is not
 * language, such as a unit symbol that no translation changes.
 *
 * Each area of the app keeps its own pair in packages/web/src/i18n/areas/<area>/{ar,en}.json (merged under
 * the key <area>, see resources.ts): every pair is checked the same way, and an area name must not also be
 * a key of the core files.
 *
 * Usage: node --import tsx scripts/check-i18n.ts [--src DIR] [--ar FILE] [--en FILE] [--areas DIR]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Props whose string value a user sees or hears. */
export const VISIBLE_PROPS = new Set([
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  "label",
]);

const LETTER = /\p{L}/u;
const IGNORE_MARK = "i18n-ignore";
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g;

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_PATHS = {
  src: path.join(REPO_ROOT, "packages/web/src"),
  ar: path.join(REPO_ROOT, "packages/web/src/i18n/ar.json"),
  en: path.join(REPO_ROOT, "packages/web/src/i18n/en.json"),
  areas: path.join(REPO_ROOT, "packages/web/src/i18n/areas"),
};

function ignoredLines(text: string): Set<number> {
  const lines = new Set<number>();
  text.split("\n").forEach((line, index) => {
    if (line.includes(IGNORE_MARK)) {
      lines.add(index + 1);
      lines.add(index + 2);
    }
  });
  return lines;
}

const snippet = (text: string): string => {
  const compact = text.replace(/\s+/g, " ").trim();
  return compact.length > 60 ? `${compact.slice(0, 57)}…` : compact;
};

/**
 * The string-literal parts of an expression that end up as its value: what a prop or a JSX child would
 * show. Conditions, call arguments, comparisons and property keys are not followed.
 */
function valueStrings(expression: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression];
  if (ts.isTemplateExpression(expression)) {
    return [
      expression.head,
      ...expression.templateSpans.flatMap((span) => [span.literal, ...valueStrings(span.expression)]),
    ];
  }
  if (
    ts.isParenthesizedExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isSatisfiesExpression(expression) ||
    ts.isNonNullExpression(expression) ||
    ts.isTypeAssertionExpression(expression)
  )
    return valueStrings(expression.expression);
  if (ts.isConditionalExpression(expression))
    return [...valueStrings(expression.whenTrue), ...valueStrings(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return valueStrings(expression.right);
    if (
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.PlusToken ||
      operator === ts.SyntaxKind.CommaToken
    )
      return [...valueStrings(expression.left), ...valueStrings(expression.right)];
    return [];
  }
  if (ts.isArrayLiteralExpression(expression))
    return expression.elements.flatMap((element) => (ts.isExpression(element) ? valueStrings(element) : []));
  return [];
}

function literalText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return "";
}

const PHYSICAL_STYLE_KEYS = new Set([
  "left",
  "right",
  "marginLeft",
  "marginRight",
  "paddingLeft",
  "paddingRight",
  "borderLeft",
  "borderRight",
  "borderLeftWidth",
  "borderRightWidth",
  "borderLeftColor",
  "borderRightColor",
  "borderLeftStyle",
  "borderRightStyle",
  "borderTopLeftRadius",
  "borderTopRightRadius",
  "borderBottomLeftRadius",
  "borderBottomRightRadius",
  "scrollMarginLeft",
  "scrollMarginRight",
  "scrollPaddingLeft",
  "scrollPaddingRight",
]);
const DIRECTIONAL_VALUE_KEYS = new Set(["textAlign", "float", "clear"]);

/** Problems in one .ts or .tsx file. */
export function checkSource(file: string, text: string): Problem[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const ignored = ignoredLines(text);
  const problems: Problem[] = [];
  const report = (node: ts.Node, message: string) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    if (!ignored.has(line + 1)) problems.push({ file, line: line + 1, column: character + 1, message });
  };
  const reportStrings = (expression: ts.Expression, where: string) => {
    for (const node of valueStrings(expression)) {
      const value = literalText(node);
      if (LETTER.test(value))
        report(node, `untranslated string ${JSON.stringify(snippet(value))} in ${where}`);
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, `untranslated JSX text ${JSON.stringify(snippet(node.text))}`);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      const value = node.initializer;
      if (VISIBLE_PROPS.has(name) && value) {
        if (ts.isStringLiteral(value)) {
          if (LETTER.test(value.text))
            report(value, `untranslated string ${JSON.stringify(snippet(value.text))} in ${name}`);
        } else if (ts.isJsxExpression(value) && value.expression) reportStrings(value.expression, name);
      }
      if (name === "style" && value && ts.isJsxExpression(value) && value.expression)
        checkStyleObject(value.expression);
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      reportStrings(node.expression, "JSX content");
    }
    ts.forEachChild(node, visit);
  };

  const checkStyleObject = (expression: ts.Expression) => {
    if (!ts.isObjectLiteralExpression(expression)) return;
    for (const property of expression.properties) {
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      const key = property.name.getText(source).replace(/^["']|["']$/g, "");
      if (PHYSICAL_STYLE_KEYS.has(key))
        report(property, `physical style property "${key}": use the logical one (inline start/end)`);
      if (DIRECTIONAL_VALUE_KEYS.has(key) && ts.isPropertyAssignment(property)) {
        const value = literalText(property.initializer);
        if (value === "left" || value === "right")
          report(property, `physical value ${key}: "${value}": use "start" or "end"`);
      }
    }
  };

  visit(source);
  return problems;
}

const CSS_RULES: { pattern: RegExp; message: string }[] = [
  {
    pattern: /(?<![\w-])(margin|padding|border|scroll-margin|scroll-padding)-(left|right)(?![\w-]*\()/,
    message: "physical property $1-$2: use $1-inline-start/end",
  },
  {
    pattern: /(?<![\w-])border-(top|bottom)-(left|right)-radius/,
    message: "physical property border-$1-$2-radius: use border-start-start-radius and its kin",
  },
  { pattern: /(^|[\s;{])(left|right)\s*:/, message: "physical property $2: use inset-inline-start/end" },
  {
    pattern: /(?<![\w-])(text-align|float|clear)\s*:\s*(left|right)\b/,
    message: "physical value $1: $2: use start or end",
  },
];

/** Problems in one stylesheet: physical directions where logical ones keep both layouts right. */
export function checkCss(file: string, text: string): Problem[] {
  // Comments are blanked (newlines kept) so that line numbers stay true and prose in them is not read.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
  const ignored = ignoredLines(text);
  const problems: Problem[] = [];
  code.split("\n").forEach((line, index) => {
    if (ignored.has(index + 1)) return;
    for (const rule of CSS_RULES) {
      const match = rule.pattern.exec(line);
      if (match) {
        problems.push({
          file,
          line: index + 1,
          column: match.index + 1,
          message: rule.message.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? ""),
        });
      }
    }
  });
  return problems;
}

interface Leaf {
  key: string;
  value: unknown;
  line: number;
}

/** The leaves of a translation file with their line numbers, read with TypeScript's JSON parser. */
function translationLeaves(file: string, text: string): { leaves: Leaf[]; problems: Problem[] } {
  const json = ts.parseJsonText(file, text);
  const problems: Problem[] = [];
  // TypeScript's parser forgives what JSON does not (trailing commas, comments): JSON.parse decides.
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const { line, character } = json.getLineAndCharacterOfPosition(Math.min(position, text.length));
    problems.push({ file, line: line + 1, column: character + 1, message: `invalid JSON: ${message}` });
  }
  const leaves: Leaf[] = [];
  const lineOf = (node: ts.Node) => json.getLineAndCharacterOfPosition(node.getStart(json)).line + 1;
  const walk = (node: ts.Expression, prefix: string) => {
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const name = ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(json);
        walk(property.initializer, prefix ? `${prefix}.${name}` : name);
      }
      return;
    }
    const value = ts.isStringLiteral(node) ? node.text : node.getText(json);
    leaves.push({ key: prefix, value: ts.isStringLiteral(node) ? value : undefined, line: lineOf(node) });
  };
  const root = json.statements[0]?.expression;
  if (root) walk(root, "");
  return { leaves, problems };
}

const placeholders = (value: string): Set<string> =>
  new Set([...value.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""));

/** Problems between the Arabic and English translation files. */
export function checkTranslations(files: { ar: string; en: string }): Problem[] {
  const problems: Problem[] = [];
  const read = (language: "ar" | "en") => {
    const file = files[language];
    const result = translationLeaves(file, fs.readFileSync(file, "utf8"));
    problems.push(...result.problems);
    const bases = new Map<string, Leaf[]>();
    for (const leaf of result.leaves) {
      if (typeof leaf.value !== "string" || leaf.value.trim() === "")
        problems.push({
          file,
          line: leaf.line,
          column: 1,
          message: `"${leaf.key}" must be a non-empty string`,
        });
      const base = leaf.key.replace(PLURAL_SUFFIX, "");
      bases.set(base, [...(bases.get(base) ?? []), leaf]);
    }
    return { file, bases };
  };
  const languages = { ar: read("ar"), en: read("en") };

  for (const [language, other] of [
    ["ar", "en"],
    ["en", "ar"],
  ] as const) {
    const mine = languages[language];
    const theirs = languages[other];
    for (const [base, leaves] of mine.bases) {
      const first = leaves[0];
      if (!first) continue;
      if (!theirs.bases.has(base)) {
        problems.push({
          file: mine.file,
          line: first.line,
          column: 1,
          message: `"${base}" is missing from ${path.basename(theirs.file)}`,
        });
      }
      const plural = leaves.filter((leaf) => PLURAL_SUFFIX.test(leaf.key));
      if (plural.length > 0 || theirs.bases.get(base)?.some((leaf) => PLURAL_SUFFIX.test(leaf.key))) {
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        const present = new Set(plural.map((leaf) => leaf.key.match(PLURAL_SUFFIX)?.[1]));
        const missing = categories.filter((category) => !present.has(category));
        if (missing.length > 0)
          problems.push({
            file: mine.file,
            line: first.line,
            column: 1,
            message: `plural "${base}" lacks the ${language} form(s) ${missing.map((m) => `_${m}`).join(", ")}`,
          });
      }
    }
  }

  // Placeholders: every name used in one language must be used in the other (count aside: a plural form
  // such as Arabic "one" may spell the number out).
  for (const [base, arLeaves] of languages.ar.bases) {
    const enLeaves = languages.en.bases.get(base);
    if (!enLeaves) continue;
    const names = (leaves: Leaf[]) => {
      const set = new Set<string>();
      for (const leaf of leaves)
        if (typeof leaf.value === "string") for (const n of placeholders(leaf.value)) set.add(n);
      set.delete("count");
      return set;
    };
    const ar = names(arLeaves);
    const en = names(enLeaves);
    const differ = [...ar].filter((n) => !en.has(n)).concat([...en].filter((n) => !ar.has(n)));
    if (differ.length > 0 && arLeaves[0])
      problems.push({
        file: languages.ar.file,
        line: arLeaves[0].line,
        column: 1,
        message: `"${base}": placeholders differ between the languages (${differ.map((n) => `{{${n}}}`).join(", ")})`,
      });
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") found.push(...sourceFiles(full));
    } else if (/\.(tsx?|css)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(full);
  }
  return found.sort();
}

/** Each area's translation pair, checked like the core pair; an area must not shadow a core key. */
function checkAreas(areasDir: string, coreEnglish: string): Problem[] {
  if (!fs.existsSync(areasDir)) return [];
  const problems: Problem[] = [];
  const coreKeys = new Set(Object.keys(JSON.parse(fs.readFileSync(coreEnglish, "utf8")) as object));
  for (const entry of fs.readdirSync(areasDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const pair = {
      ar: path.join(areasDir, entry.name, "ar.json"),
      en: path.join(areasDir, entry.name, "en.json"),
    };
    const missing = (["ar", "en"] as const).filter((language) => !fs.existsSync(pair[language]));
    if (missing.length > 0) {
      problems.push({
        file: path.join(areasDir, entry.name),
        line: 1,
        column: 1,
        message: `missing ${missing.join(", ")}.json`,
      });
      continue;
    }
    if (coreKeys.has(entry.name))
      problems.push({
        file: pair.en,
        line: 1,
        column: 1,
        message: `area "${entry.name}" is also a key of ${path.basename(coreEnglish)}`,
      });
    problems.push(...checkTranslations(pair));
  }
  return problems;
}

export function checkI18n(paths: { src: string; ar: string; en: string; areas?: string }): {
  problems: Problem[];
  files: number;
} {
  const files = sourceFiles(paths.src);
  const problems: Problem[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    problems.push(...(file.endsWith(".css") ? checkCss(file, text) : checkSource(file, text)));
  }
  problems.push(...checkTranslations(paths));
  if (paths.areas) problems.push(...checkAreas(paths.areas, paths.en));
  return { problems, files: files.length };
}

function main(argv: string[]): number {
  const paths = { ...DEFAULT_PATHS };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === "--src" || flag === "--ar" || flag === "--en" || flag === "--areas") && value)
      paths[flag.slice(2) as "src"] = path.resolve(value);
    else {
      process.stderr.write(
        `usage: check-i18n [--src DIR] [--ar FILE] [--en FILE] [--areas DIR] (unexpected ${flag})\n`,
      );
      return 2;
    }
  }
  const { problems, files } = checkI18n(paths);
  for (const p of problems)
    process.stderr.write(`${path.relative(process.cwd(), p.file)}:${p.line}:${p.column}: ${p.message}\n`);
  if (problems.length > 0) {
    process.stderr.write(
      `\n${problems.length} i18n problem(s). Put user-visible text in the translation files (ar.json and en.json, or an area's pair) and show it with t("key").\n`,
    );
    return 1;
  }
  process.stdout.write(`i18n: ${files} source files and both translation files are clean\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
