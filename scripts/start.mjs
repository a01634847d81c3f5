// `npm start`: build the web app when its sources are newer than the last build, then run the demo.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const web = path.join(root, "packages", "web");
const built = path.join(web, "dist", "index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const needsBuild = !fs.existsSync(built) || newestMtime(web) > fs.statSync(built).mtimeMs;
if (needsBuild && fs.existsSync(path.join(web, "index.html"))) {
  process.stdout.write("Building the web app…\n");
  const result = spawnSync("npm", ["run", "--silent", "build", "-w", "@athar/web"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const demo = spawnSync(
  process.execPath,
  [path.join(root, "packages", "cli", "bin", "athar.mjs"), "demo", ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
  },
);
process.exit(demo.status ?? 0);
