/**
 * `athar search`: the search-theory engine from the command line, without a database.
 * - `search allocate --in FILE|-`: optimal allocation of effort; JSON in, JSON out;
 * - `search report --in FILE|-`: the coverage report of an event log as JSON (`--export`: the export bundle);
 * - `search report --verify --in FILE|-`: recomputes the log hash and the headline figures of an export and
 *   exits 1 when they differ from what it claims.
 * The JSON shapes are a contract used by outside checks: see packages/search/README.md before changing them.
 */
import { readFile } from "node:fs/promises";
import { isAtharError } from "@athar/core";
import {
  buildCoverageReport,
  exportSearchLog,
  foldSearchLog,
  parseAllocationProblem,
  parseSearchLog,
  SEARCH_EXPORT_FORMAT,
  solveAllocationProblemWithDiagnostics,
  verifySearchExport,
} from "@athar/search";
import type { Command } from "commander";
import { CliInputError } from "../cli-error";

interface InputFile {
  name: string;
  text: string;
  json: unknown;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and parses a JSON file ("-" is standard input); bad input becomes a CliInputError naming file and line. */
async function readJson(path: string): Promise<InputFile> {
  const name = path === "-" ? "(stdin)" : path;
  let text: string;
  try {
    text = path === "-" ? await readStdin() : await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError(
      `cannot read ${name}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  try {
    return { name, text, json: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? `:${lineOf(text, Number(position[1]))}` : "";
    throw new CliInputError(`${name}${where}: malformed JSON: ${message}`);
  }
}

const lineOf = (text: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/** Start offset of every value in a valid JSON text, by dotted path ("resources.0.hours"). */
function jsonValueOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  };
  const skipString = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const value = (path: string): void => {
    skipSpace();
    offsets.set(path, i);
    const join = (key: string): string => (path ? `${path}.${key}` : key);
    const open = text[i];
    if (open === "{" || open === "[") {
      const close = open === "{" ? "}" : "]";
      i++;
      skipSpace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        skipSpace();
        if (open === "{") {
          const start = i;
          skipString();
          const key = JSON.parse(text.slice(start, i)) as string;
          skipSpace();
          i++; // the colon
          value(join(key));
        } else {
          value(join(String(index)));
        }
        skipSpace();
        if (text[i++] !== ",") return;
      }
    }
    if (open === '"') skipString();
    else while (i < text.length && !" \t\r\n,]}".includes(text[i]!)) i++;
  };
  value("");
  return offsets;
}

/** Turns the engine's validation error into one line per problem: file:line: field: message. */
function inputError(file: InputFile, error: unknown): never {
  if (!isAtharError(error) || error.code !== "validation_failed") throw error;
  const offsets = jsonValueOffsets(file.text);
  const lines = (error.details ?? [{ path: "", message: error.message }]).map((detail) => {
    let path = detail.path ?? "";
    while (path && !offsets.has(path)) path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    const line = lineOf(file.text, offsets.get(path) ?? 0);
    return `${file.name}:${line}: ${detail.path || "(root)"}: ${detail.message}`;
  });
  throw new CliInputError(`${error.message}\n${lines.join("\n")}`);
}

const print = (value: unknown, pretty = true): void => {
  process.stdout.write(`${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
};

/** A log file is an array of events, the {format, events} envelope, or an export (its log is used). */
function logOf(file: InputFile) {
  const json = file.json as { format?: unknown; log?: unknown } | null;
  const raw = json && typeof json === "object" && json.format === SEARCH_EXPORT_FORMAT ? json.log : file.json;
  try {
    const events = parseSearchLog(raw);
    // Fold once here so that an inconsistent log is reported as bad input.
    foldSearchLog(events, { history: false });
    return events;
  } catch (error) {
    return inputError(file, error);
  }
}

export function register(program: Command): void {
  const search = program
    .command("search")
    .description("Search theory: optimal allocation of effort, coverage reports and their verification");

  search
    .command("allocate")
    .description(
      "Optimal hours per resource and segment for a problem in JSON (see packages/search/README.md)",
    )
    .requiredOption("--in <file>", 'problem JSON file, or "-" for standard input')
    .action(async (options: { in: string }) => {
      const file = await readJson(options.in);
      let problem: ReturnType<typeof parseAllocationProblem>;
      try {
        problem = parseAllocationProblem(file.json);
      } catch (error) {
        inputError(file, error);
      }
      const { output, diagnostics } = solveAllocationProblemWithDiagnostics(problem);
      print(output);
      if (!diagnostics.converged) {
        process.stderr.write(
          `athar: warning: stopped after ${diagnostics.iterations} sweeps; the POS is within ${diagnostics.gap.toExponential(2)} of the best possible\n`,
        );
      }
    });

  search
    .command("report")
    .description("Coverage report of a search-event log as JSON; --verify checks an export against its log")
    .requiredOption("--in <file>", 'event log or export JSON file, or "-" for standard input')
    .option("--verify", "recompute the hash and headline figures of an export; exit 1 if they do not match")
    .option("--export", "print the export bundle (log, hash and headline figures) instead of the report")
    .option("--compact", "print JSON on one line")
    .action(async (options: { in: string; verify?: boolean; export?: boolean; compact?: boolean }) => {
      const file = await readJson(options.in);
      const pretty = !options.compact;
      if (options.verify) {
        let result: ReturnType<typeof verifySearchExport>;
        try {
          result = verifySearchExport(file.json);
        } catch (error) {
          inputError(file, error);
        }
        print(result, pretty);
        if (!result.ok) {
          const wrong = result.figures.filter((f) => !f.matches).map((f) => f.figure);
          process.stderr.write(
            `athar: ${file.name} does not verify:${result.hashMatches ? "" : " the log hash differs;"}${
              wrong.length > 0 ? ` figures differ: ${wrong.join(", ")}` : ""
            }\n`,
          );
          process.exitCode = 1;
        }
        return;
      }
      const events = logOf(file);
      print(options.export ? exportSearchLog(events) : buildCoverageReport(events), pretty);
    });
}
