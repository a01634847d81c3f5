/**
 * `athar site`: work on an IMDF archive (a zip or a folder) without a database.
 * - `site validate --in ARCHIVE`: lists every problem and exits 1 when the archive is invalid;
 * - `site voids --in ARCHIVE`: hidden-space candidates as JSON, polygons in WGS84;
 * - `site route --in ARCHIVE --from UNIT --to UNIT [--max-breaches K] [--costs FILE]`: routes as JSON.
 * The JSON shapes are a contract used by outside checks: see packages/plans/README.md before changing them.
 */
import { readFile } from "node:fs/promises";
import { AtharError } from "@athar/core";
import {
  ArchiveError,
  addCandidateTargets,
  analyseVoids,
  answerRoutes,
  BREACH_TOOLS,
  type BreachTool,
  buildRouteGraph,
  type CostTable,
  candidateNode,
  DEFAULT_COST_TABLE,
  describeProblem,
  type ImportProblem,
  importImdf,
  localProjection,
  OUTSIDE_NODE,
  type PlanDocument,
  parseCostTable,
  type Route,
  TEAM_CAPABILITIES,
  type TeamCapability,
} from "@athar/plans";
import { readArchivePath } from "@athar/plans/node";
import type { Command } from "commander";
import { CliInputError } from "../cli-error";

const CANDIDATE_PREFIX = "candidate:";

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

async function readArchive(
  path: string,
): Promise<{ ok: true; document: PlanDocument } | { ok: false; problems: ImportProblem[] }> {
  try {
    const files = await readArchivePath(path);
    const result = importImdf(files);
    return result.ok ? { ok: true, document: result.document } : { ok: false, problems: result.problems };
  } catch (error) {
    if (error instanceof ArchiveError) {
      return {
        ok: false,
        problems: [
          {
            severity: "error",
            file: path,
            featureId: null,
            rule: "archive_unreadable",
            message: error.message,
          },
        ],
      };
    }
    throw error;
  }
}

/** Loads a valid archive or stops with the problems (exit 2: the input is unusable). */
async function loadDocument(path: string): Promise<PlanDocument> {
  const result = await readArchive(path);
  if (result.ok) return result.document;
  const errors = result.problems.filter((p) => p.severity === "error");
  throw new AtharError(
    "import_invalid",
    `${path} is not a valid IMDF archive (${errors.length} problem${errors.length === 1 ? "" : "s"}; see \`athar site validate\`)`,
    errors.slice(0, 20).map((p) => ({
      path: `${p.file}${p.featureId ? ` ${p.featureId}` : ""}`,
      message: `${p.rule}: ${p.message}`,
    })),
  );
}

function voidsJson(document: PlanDocument) {
  const projection = localProjection(document.site.refLon ?? 0, document.site.refLat ?? 0);
  const { candidates } = analyseVoids(document);
  return {
    candidates: candidates.map((c) => {
      const ring = c.polygon.map((p) => projection.toLonLat(p).map((v) => round(v, 9)));
      if (ring.length > 0) ring.push([...ring[0]!]);
      return {
        id: c.id,
        building_id: c.buildingId,
        level_id: c.levelId,
        level_ordinal: c.levelOrdinal,
        area_m2: round(c.areaM2, 1),
        inscribed_radius_m: round(c.inscribedRadiusM, 2),
        polygon: ring,
        score: round(c.score, 3),
        reasons: c.reasons,
        evidence: c.evidence.map((e) => ({
          reason: e.reason,
          strength: round(e.strength, 3),
          detail: e.detail,
          feature_ids: e.featureIds,
        })),
      };
    }),
  };
}

function routeJson(route: Route | null, unitOf: (spaceId: string) => string) {
  if (!route) return null;
  const time = (t: { min: number; likely: number; max: number }) => ({
    min: round(t.min, 2),
    likely: round(t.likely, 2),
    max: round(t.max, 2),
  });
  return {
    objective: route.objective,
    max_breaches: route.maxBreaches,
    steps: route.steps.map((s) => ({
      from: unitOf(s.from),
      to: unitOf(s.to),
      via: { kind: s.kind, id: s.featureId, mode: s.mode },
      breach: s.breach,
      time_minutes: time(s.time),
      detail: s.detail,
    })),
    totals: { time_minutes: time(route.total.time), breaches: route.total.breaches },
  };
}

function parseChoice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliInputError(`${flag}: "${value}" is not one of ${allowed.join(", ")}`);
}

async function loadCosts(path: string | undefined): Promise<CostTable> {
  if (!path) return DEFAULT_COST_TABLE;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new CliInputError(`--costs: cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliInputError(
      `--costs: ${path} is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = parseCostTable(json);
  if (!parsed.ok) throw new CliInputError(`--costs: ${path}: ${parsed.message}`);
  return parsed.table;
}

interface RouteFlags {
  in: string;
  from: string;
  to: string;
  maxBreaches?: string;
  costs?: string;
  tool: string;
  capability: string;
  keys?: boolean;
  badges?: boolean;
  codes?: boolean;
  power: string;
}

export function register(program: Command): void {
  const site = program
    .command("site")
    .description("IMDF site plans: validate, find hidden space, plan routes");

  site
    .command("validate")
    .description("Check an IMDF archive (zip or folder); exits 1 and lists the problems when it is invalid")
    .requiredOption("--in <archive>", "IMDF zip file or folder")
    .option("--json", "print the problems as JSON")
    .action(async (options: { in: string; json?: boolean }) => {
      const result = await readArchive(options.in);
      const problems = result.ok ? [] : result.problems;
      const errors = problems.filter((p) => p.severity === "error");
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ valid: result.ok, problems }, null, 2)}\n`);
      } else if (result.ok) {
        const d = result.document;
        process.stdout.write(
          `OK: ${options.in} is a valid IMDF archive (${d.buildings.length} buildings, ${d.levels.length} levels, ${d.spaces.length} spaces, ${d.openings.length} openings)\n`,
        );
      } else {
        process.stdout.write(
          `INVALID: ${options.in} has ${errors.length} problem${errors.length === 1 ? "" : "s"}\n`,
        );
        for (const p of problems) process.stdout.write(`${p.severity}: ${describeProblem(p)}\n`);
      }
      if (!result.ok) process.exitCode = 1;
    });

  site
    .command("voids")
    .description('Find where hidden space may be; prints {"candidates": [...]} as JSON, polygons in WGS84')
    .requiredOption("--in <archive>", "IMDF zip file or folder")
    .action(async (options: { in: string }) => {
      const document = await loadDocument(options.in);
      process.stdout.write(`${JSON.stringify(voidsJson(document))}\n`);
    });

  site
    .command("route")
    .description("Fastest and least-breaching routes between two units; prints JSON with steps and totals")
    .requiredOption("--in <archive>", "IMDF zip file or folder")
    .requiredOption("--from <unit>", `unit id to start from, or "${OUTSIDE_NODE}"`)
    .requiredOption(
      "--to <unit>",
      'unit id to reach, or "candidate:<id>" for a hidden-space candidate of `site voids`',
    )
    .option(
      "--max-breaches <k>",
      "also find the fastest route with at most k breaches (the route printed first)",
    )
    .option("--costs <file>", "cost table JSON (default: the built-in illustrative table)")
    .option("--tool <tool>", `breaching tools: ${BREACH_TOOLS.join(", ")}`, "power")
    .option("--capability <class>", `team class: ${TEAM_CAPABILITIES.join(", ")}`, "medium")
    .option("--keys", "the team holds keys to mechanical locks")
    .option("--badges", "the team can release electronic locks (with power)")
    .option("--codes", "keypad codes are known")
    .option("--power <state>", "electronic locks powered: on or off", "off")
    .action(async (options: RouteFlags) => {
      let maxBreaches: number | undefined;
      if (options.maxBreaches !== undefined) {
        maxBreaches = Number(options.maxBreaches);
        if (!Number.isInteger(maxBreaches) || maxBreaches < 0) {
          throw new CliInputError(`--max-breaches: "${options.maxBreaches}" is not a whole number ≥ 0`);
        }
      }
      const tool = parseChoice<BreachTool>(options.tool, BREACH_TOOLS, "--tool");
      const capability = parseChoice<TeamCapability>(options.capability, TEAM_CAPABILITIES, "--capability");
      const power = parseChoice(options.power, ["on", "off"] as const, "--power");
      const costs = await loadCosts(options.costs);
      const document = await loadDocument(options.in);
      // Unit ids name spaces; a unit drawn as several polygons is entered through its first.
      const spaceOfUnit = (unit: string, flag: string): string => {
        if (unit === OUTSIDE_NODE) return unit;
        const space =
          document.spaces.find((s) => s.id === unit) ?? document.spaces.find((s) => s.sourceId === unit);
        if (!space)
          throw new CliInputError(
            `${flag}: no unit ${unit} in ${options.in} (walls and other features are not places)`,
          );
        return space.id;
      };
      const from = spaceOfUnit(options.from, "--from");
      const candidateId = options.to.startsWith(CANDIDATE_PREFIX)
        ? options.to.slice(CANDIDATE_PREFIX.length)
        : null;
      const to = candidateId === null ? spaceOfUnit(options.to, "--to") : candidateNode(candidateId);
      const unitOf = new Map(document.spaces.map((s) => [s.id, s.sourceId]));
      const { graph, context } = buildRouteGraph(
        document,
        {
          tool,
          capability,
          keys: options.keys === true,
          badges: options.badges === true,
          codes: options.codes === true,
          power,
        },
        costs,
      );
      if (candidateId !== null) {
        const candidate = analyseVoids(document).candidates.find((c) => c.id === candidateId);
        if (!candidate)
          throw new CliInputError(
            `--to: no hidden-space candidate ${candidateId} (see \`athar site voids\`)`,
          );
        addCandidateTargets(context, [candidate]);
      }
      const answers = answerRoutes(graph, from, to, maxBreaches);
      const toUnit = (id: string) => unitOf.get(id) ?? id;
      const primary = maxBreaches === undefined ? answers.fastest : answers.withinBreaches;
      const main = routeJson(primary, toUnit);
      process.stdout.write(
        `${JSON.stringify({
          from: options.from,
          to: options.to,
          found: primary !== null,
          objective: main?.objective ?? (maxBreaches === undefined ? "fastest" : "fastest_within_breaches"),
          max_breaches: maxBreaches ?? null,
          steps: main?.steps ?? [],
          totals: main?.totals ?? null,
          alternatives: {
            fastest: routeJson(answers.fastest, toUnit),
            fewest_breaches: routeJson(answers.fewestBreaches, toUnit),
            within_breaches: routeJson(answers.withinBreaches, toUnit),
          },
          options: {
            tool,
            capability,
            keys: options.keys === true,
            badges: options.badges === true,
            codes: options.codes === true,
            power,
          },
          costs_illustrative: costs.illustrative,
          time_unit: "minutes",
        })}\n`,
      );
    });
}
