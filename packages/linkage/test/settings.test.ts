import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PRESETS, SYRIAN_PERSON_COLUMNS } from "../src/presets/index";
import { RecordSet } from "../src/record-set";
import { parseLinkageSettings } from "../src/settings";

describe("linkage settings", () => {
  it("the syrian-person preset and the FEBRL example validate", () => {
    const preset = parseLinkageSettings(PRESETS["syrian-person"]);
    expect(preset.idColumn).toBe("id");
    expect(["id", ...preset.fields.map((field) => field.column ?? field.name)]).toEqual([
      ...SYRIAN_PERSON_COLUMNS,
    ]);
    const febrl = parseLinkageSettings(
      JSON.parse(readFileSync(new URL("../../../examples/febrl/link.json", import.meta.url), "utf8")),
    );
    expect(febrl.idColumn).toBe("rec_id");
  });

  it("reports every problem with its path", () => {
    let caught: unknown;
    try {
      parseLinkageSettings(
        {
          fields: [
            { name: "given", type: "name", alsoCompareWith: ["born"] },
            { name: "born", type: "date", format: "julian" },
          ],
          blocking: [["given:skeleton", "nowhere:exact"]],
          threshold: 1.5,
        },
        "my.json",
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: "validation_failed" });
    const paths = (caught as { details: { path: string }[] }).details.map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(["fields.1.format", "threshold"]));
    expect((caught as Error).message).toMatch(/^my\.json: invalid linkage settings/);
  });

  it("cross-checks names: blocking parts and partner fields must exist", () => {
    expect(() =>
      parseLinkageSettings({
        fields: [{ name: "given", type: "name", alsoCompareWith: ["father"] }],
        blocking: [["family:skeleton"]],
      }),
    ).toThrow(/blocking\.0\.0: no field named "family".*alsoCompareWith\.0: "father" is not a name field/);
  });

  it("a bad cell names the file, line and field; an unknown blocking key is refused", () => {
    const settings = parseLinkageSettings(PRESETS["syrian-person"]);
    const records = new RecordSet(settings);
    expect(() =>
      records.addCsv("id,given_name,birth_date\n1,Ali,1985\n2,Omar,1985-13-01\n", { source: "r.csv" }),
    ).toThrow(/r\.csv, line 3, field "birth_date": "1985-13-01" is not a date/);
    expect(() => records.addCsv("given_name\nAli\n", { source: "noid.csv" })).toThrow(
      /noid\.csv, line 1.*"id"/,
    );
    expect(() => records.addCsv("id,given_name\n1,Ali\n1,Omar\n", { source: "twice.csv" })).toThrow(
      /twice\.csv, line 3, field "id": id "1" appears twice/,
    );
    expect(() => records.field("given_name").key("soundex")).toThrow(/no blocking key "soundex"/);
  });
});
