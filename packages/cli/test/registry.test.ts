import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parsePfif } from "@athar/registry";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { databaseEnv, runCli } from "./run-cli";

const PFIF_TEST = fileURLToPath(new URL("../../../test-data/pfif/test.pfif-1.4.xml", import.meta.url));

describeEachDatabase("athar registry", (database) => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-registry-cli-"));
    env = databaseEnv(database().config);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("imports the PFIF test document (dry run first) and exports it again", async () => {
    const dry = await runCli(["registry", "import-pfif", PFIF_TEST, "--dry-run"], { env });
    expect(dry.stderr).toBe("");
    expect(dry.stdout).toContain("would import 1 persons (0 already present), 4 notes");
    const real = await runCli(["registry", "import-pfif", PFIF_TEST], { env });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain(
      "imported 1 persons (0 already present), 4 notes (0 already present), 3 status statements",
    );
    const out = path.join(dir, "out.xml");
    const exported = await runCli(["registry", "export-pfif", "--out", out, "--include-restricted"], { env });
    expect(exported.stdout).toContain("1 persons, 4 notes");
    const back = parsePfif(fs.readFileSync(out, "utf8"));
    expect(back.persons[0]?.fields.home_city).toBe("_test_home_city");
    expect(back.persons[0]?.fields.author_phone).toBe("_test_author_phone");
  });

  it("refuses a CSV file with errors, naming the row and field, and imports a clean one", async () => {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "given_name,birth_date\nKarim,1970\nWalid,1970-13\n");
    const refused = await runCli(["registry", "import-csv", bad, "--source-reference", "Register Q"], {
      env,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('row 2 (line 3), column "birth_date", field birth_date');
    const good = path.join(dir, "good.csv");
    fs.writeFileSync(good, "given_name,birth_date\nKarim,1970\nWalid,1971\n");
    const imported = await runCli(["registry", "import-csv", good, "--source-reference", "Register Q"], {
      env,
    });
    expect(imported.stdout).toContain("imported 2 persons");
    const csv = await runCli(["registry", "export-csv"], { env });
    expect(csv.stdout.split("\r\n")[1]).toMatch(/^#person\+id,/);
    const match = await runCli(["registry", "match"], { env });
    expect(match.stdout).toMatch(/^3 records, \d+ pairs compared \(fallback\)/);
  });
});
