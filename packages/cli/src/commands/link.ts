/**
 * `athar link`: probabilistic record linkage of CSV files, without a database (packages/linkage).
 *
 *   athar link --left L.csv --right R.csv --out links.csv [--config CONFIG] [--threshold P]
 *     writes `left_id,right_id,probability` for every pair with match probability ≥ P (default 0.5);
 *   athar link --dedupe F.csv --out clusters.csv [--config CONFIG] [--threshold P]
 *     writes `id,cluster_id` for every record.
 *
 * CONFIG is a JSON settings file or the name of a built-in preset (default `syrian-person`). This contract
 * is used by outside checks: see packages/linkage/README.md before changing it.
 */
import { statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import {
  clusterRun,
  DEFAULT_PRESET,
  formatCsvRow,
  type LinkageSettings,
  PRESETS,
  parseLinkageSettings,
} from "@athar/linkage";
import { linkFiles, readText } from "@athar/linkage/node";
import type { Command } from "commander";
import { CliInputError } from "../cli-error";

interface LinkOptions {
  left?: string;
  right?: string;
  dedupe?: string;
  out?: string;
  config: string;
  threshold?: string;
  threads?: string;
}

const lineOf = (text: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/**
 * Where JSON text first goes wrong (V8's messages do not always say): a validating recursive descent over
 * the grammar of RFC 8259, returning the offset of the first unexpected character.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && " \t\r\n".includes(text.charAt(at))) at++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, at)) fail();
    at += word.length;
  };
  const string = () => {
    at++;
    while (at < text.length && text.charAt(at) !== '"') at += text.charAt(at) === "\\" ? 2 : 1;
    if (at >= text.length) fail();
    at++;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail();
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text.charAt(at);
    if (c === "{") {
      at++;
      space();
      if (text.charAt(at) === "}") {
        at++;
        return;
      }
      for (;;) {
        space();
        if (text.charAt(at) !== '"') fail();
        string();
        space();
        if (text.charAt(at) !== ":") fail();
        at++;
        value();
        space();
        if (text.charAt(at) === ",") at++;
        else if (text.charAt(at) === "}") {
          at++;
          return;
        } else fail();
      }
    }
    if (c === "[") {
      at++;
      space();
      if (text.charAt(at) === "]") {
        at++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text.charAt(at) === ",") at++;
        else if (text.charAt(at) === "]") {
          at++;
          return;
        } else fail();
      }
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else number();
  };
  try {
    value();
    space();
    return at < text.length ? at : undefined;
  } catch (offset) {
    return typeof offset === "number" ? offset : undefined;
  }
}

/** A preset name, or a JSON settings file (errors name the file and, for malformed JSON, the line). */
export function loadSettings(config: string): LinkageSettings {
  const preset = PRESETS[config];
  if (preset !== undefined) return parseLinkageSettings(preset, config);
  let text: string;
  try {
    text = readText(config);
  } catch {
    throw new CliInputError(
      `--config ${config}: neither a preset (${Object.keys(PRESETS).join(", ")}) nor a readable settings file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : jsonErrorOffset(text);
    const where = offset === undefined ? "" : `, line ${lineOf(text, offset)}`;
    throw new CliInputError(`${config}${where}: malformed JSON: ${message}`);
  }
  return parseLinkageSettings(json, config);
}

function parseThreshold(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const threshold = Number(value);
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold >= 1) {
    throw new CliInputError(`--threshold ${value}: expected a probability strictly between 0 and 1`);
  }
  return threshold;
}

/** One thread for small files (starting a worker costs more than it saves), all cores for large ones. */
function threadsFor(paths: readonly string[], requested: string | undefined): number {
  if (requested !== undefined) {
    const threads = Number(requested);
    if (!Number.isInteger(threads) || threads < 1)
      throw new CliInputError(`--threads ${requested}: expected a whole number ≥ 1`);
    return threads;
  }
  let bytes = 0;
  for (const path of paths) {
    try {
      bytes += statSync(path).size;
    } catch {
      // An unreadable file is reported by the reader, with its name.
    }
  }
  return bytes < 8 * 2 ** 20 ? 1 : Math.min(4, availableParallelism());
}

function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new CliInputError(`--out ${path}: cannot write (${(error as Error).message})`);
  }
}

async function link(options: LinkOptions): Promise<void> {
  const twoSources = options.left !== undefined || options.right !== undefined;
  if (twoSources && options.dedupe !== undefined) {
    throw new CliInputError(
      "give either --left and --right (link two files) or --dedupe (one file), not both",
    );
  }
  if (!twoSources && options.dedupe === undefined) {
    throw new CliInputError("give --left and --right (link two files) or --dedupe (deduplicate one file)");
  }
  if (twoSources && (options.left === undefined || options.right === undefined)) {
    throw new CliInputError("linking needs both --left and --right");
  }
  if (options.out === undefined) throw new CliInputError("--out is required");
  const settings = loadSettings(options.config);
  const threshold = parseThreshold(options.threshold, settings.threshold);
  if (options.dedupe !== undefined) {
    const files = [{ path: options.dedupe, sourceIndex: 0 }];
    const { records, run } = await linkFiles(settings, files, "dedupe", {
      threshold,
      threads: threadsFor([options.dedupe], options.threads),
    });
    const clustering = clusterRun(records, run, { threshold });
    const rows = [formatCsvRow(["id", "cluster_id"])];
    for (let r = 0; r < records.size; r++) {
      rows.push(
        formatCsvRow([records.ids[r] as string, records.ids[clustering.clusterOf[r] as number] as string]),
      );
    }
    writeOutput(options.out, rows.join(""));
    process.stdout.write(
      `${records.size} records in ${clustering.clusters} clusters (${run.matches.length} links with probability ≥ ${threshold}) → ${options.out}\n`,
    );
    return;
  }
  const left = options.left as string;
  const right = options.right as string;
  const files = [
    { path: left, sourceIndex: 0 },
    { path: right, sourceIndex: 1 },
  ];
  const { records, run } = await linkFiles(settings, files, "link", {
    threshold,
    threads: threadsFor([left, right], options.threads),
  });
  const matches = [...run.matches].sort(
    (a, b) => b.probability - a.probability || a.left - b.left || a.right - b.right,
  );
  const rows = [formatCsvRow(["left_id", "right_id", "probability"])];
  for (const match of matches) {
    rows.push(
      formatCsvRow([
        records.ids[match.left] as string,
        records.ids[match.right] as string,
        Number(match.probability.toPrecision(6)),
      ]),
    );
  }
  writeOutput(options.out, rows.join(""));
  process.stdout.write(`${matches.length} pairs with probability ≥ ${threshold} → ${options.out}\n`);
}

export function register(program: Command): void {
  program
    .command("link")
    .description(
      "probabilistic record linkage (Fellegi–Sunter) of CSV files: link two files, or deduplicate one into clusters",
    )
    .option("--left <file>", "left CSV file (link mode)")
    .option("--right <file>", "right CSV file (link mode)")
    .option("--dedupe <file>", "one CSV file to deduplicate (cluster mode)")
    .option("--out <file>", "output CSV: left_id,right_id,probability (link) or id,cluster_id (dedupe)")
    .option("--config <settings>", "JSON settings file or built-in preset name", DEFAULT_PRESET)
    .option("--threshold <p>", "match probability threshold (default: the settings', 0.5)")
    .option("--threads <n>", "threads (default: 1 for small files, all cores for large ones)")
    .action(async (options: LinkOptions) => {
      await link(options);
    });
}
