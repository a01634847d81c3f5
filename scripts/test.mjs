// `npm test`: every check a change must pass, in the order that fails fastest.
import { spawnSync } from "node:child_process";

const steps = [
  ["type-check (pure packages, no Node.js types)", "npx", ["tsc", "-p", "tsconfig.pure.json"]],
  ["type-check (Node.js packages and tests)", "npx", ["tsc", "-p", "tsconfig.node.json"]],
  ["type-check (web app)", "npx", ["tsc", "-p", "packages/web/tsconfig.json"]],
  ["type-check (web tests and build config)", "npx", ["tsc", "-p", "packages/web/tsconfig.test.json"]],
  ["lint and format", "npx", ["biome", "check", "."]],
  ["no user-visible strings outside translation files", "npm", ["run", "--silent", "check:i18n"]],
  ["build the web app", "npm", ["run", "--silent", "build"]],
  ["tests (unit, SQLite + PostgreSQL, Chromium)", "npx", ["vitest", "run"]],
];

const only = process.argv.slice(2);
for (const [title, command, args] of steps) {
  if (only.length > 0 && !only.some((word) => title.includes(word))) continue;
  process.stdout.write(`\n▶ ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n✗ ${title} failed after ${seconds} s\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${title} (${seconds} s)\n`);
}
