/**
 * One family written into a synthetic register: Hasan (twice, in Latin and Arabic script), his brother
 * Hussein (twice), his twin brother Omar (same birth date), and a record with no given name. Only the two
 * records of each person may be linked; explanations add up; an inquiry finds Hasan.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { InquiryIndex } from "../src/inquiry-index";
import { clusterRun, type LinkageRun, runLinkage } from "../src/linkage";
import { syrianPersonSettings } from "../src/presets/index";
import { RecordSet } from "../src/record-set";
import { parseLinkageSettings } from "../src/settings";
import { generateDedupeSet } from "../src/synthetic/records";

const family = [
  {
    id: "hasan-1",
    given_name: "Hasan",
    father_name: "Mahmoud",
    grandfather_name: "Ali",
    family_name: "al-Khatib",
    mother_name: "Fatima",
    sex: "m",
    birth_date: "1980-05-02",
  },
  {
    id: "hasan-2",
    given_name: "حسن",
    father_name: "محمود",
    grandfather_name: "",
    family_name: "الخطيب",
    mother_name: "فاطمة",
    sex: "ذكر",
    birth_date: "1980-05-02",
  },
  {
    id: "hussein-1",
    given_name: "Hussein",
    father_name: "Mahmoud",
    grandfather_name: "Ali",
    family_name: "al-Khatib",
    mother_name: "Fatima",
    sex: "m",
    birth_date: "1982-11-20",
  },
  {
    id: "hussein-2",
    given_name: "حسين",
    father_name: "محمود",
    grandfather_name: "علي",
    family_name: "الخطيب",
    mother_name: "فاطمة",
    sex: "ذكر",
    birth_date: "1982",
  },
  {
    id: "omar-twin",
    given_name: "Omar",
    father_name: "Mahmoud",
    grandfather_name: "Ali",
    family_name: "al-Khatib",
    mother_name: "Fatima",
    sex: "m",
    birth_date: "1980-05-02",
  },
  {
    id: "no-given-name",
    given_name: "",
    father_name: "محمود",
    grandfather_name: "علي",
    family_name: "الخطيب",
    mother_name: "فاطمة",
    sex: "ذكر",
    birth_date: "1980-05-02",
  },
];

let records: RecordSet;
let run: LinkageRun;
const index = (id: string) => records.ids.indexOf(id);
const probability = (a: string, b: string) => run.explain(index(a), index(b)).probability;

beforeAll(() => {
  records = new RecordSet(parseLinkageSettings(syrianPersonSettings));
  for (const record of generateDedupeSet({ seed: 21, records: 5000 }).records)
    records.add(record.id, record.values);
  for (const { id, ...values } of family) records.add(id, values);
  run = runLinkage(records, "dedupe");
});

describe("siblings", () => {
  it("links each person's two records, across scripts", () => {
    expect(probability("hasan-1", "hasan-2")).toBeGreaterThan(0.9);
    expect(probability("hussein-1", "hussein-2")).toBeGreaterThan(0.9);
  });

  it("keeps brothers, twins and a record without a given name below the threshold", () => {
    for (const [a, b] of [
      ["hasan-1", "hussein-1"],
      ["hasan-2", "hussein-2"],
      ["hasan-1", "hussein-2"],
      ["hasan-1", "omar-twin"],
      ["hasan-2", "omar-twin"],
      ["no-given-name", "hasan-2"],
      ["no-given-name", "omar-twin"],
    ] as const) {
      expect(probability(a, b), `${a} ~ ${b}`).toBeLessThan(0.5);
    }
    const twin = run.explain(index("hasan-1"), index("omar-twin"));
    expect(twin.guard).toMatch(/siblings/);
    // Without the guard the twins' evidence is large: the guard, not luck, keeps them apart.
    expect(twin.probability).toBeLessThanOrEqual(0.1);
  });

  it("clusters the family into one cluster per person", () => {
    const clustering = clusterRun(records, run);
    const cluster = (id: string) => clustering.clusterOf[index(id)];
    expect(cluster("hasan-1")).toBe(cluster("hasan-2"));
    expect(cluster("hussein-1")).toBe(cluster("hussein-2"));
    expect(new Set([cluster("hasan-1"), cluster("hussein-1"), cluster("omar-twin")]).size).toBe(3);
  });

  it("explains every score: the fields' bits, term-frequency and correlation adjustments add up", () => {
    for (const [a, b] of [
      ["hasan-1", "hasan-2"],
      ["hasan-1", "hussein-1"],
    ] as const) {
      const explanation = run.explain(index(a), index(b));
      const fields = explanation.fields.reduce((sum, field) => sum + field.bits + field.termFrequencyBits, 0);
      const correlations = explanation.correlations.reduce((sum, group) => sum + group.bits, 0);
      expect(fields + correlations).toBeCloseTo(explanation.matchWeight, 9);
      const given = explanation.fields.find((field) => field.field === "given_name");
      expect(given?.bits).toBeCloseTo(Math.log2((given?.m ?? 0) / (given?.u ?? 1)), 9);
    }
    expect(run.explain(index("hasan-1"), index("hussein-1")).fields[0]?.level).toBe("different");
  });
});

describe("an inquiry against the register", () => {
  it("finds the person from a partial inquiry, and records added later", () => {
    const inquiries = InquiryIndex.build(records, run.model);
    const size = records.size;
    const result = inquiries.search(
      { given_name: "Hassan", father_name: "Mahmud", family_name: "Khatib", birth_date: "about 1980" },
      { explain: true },
    );
    expect(records.size).toBe(size);
    expect(new Set(result.matches.slice(0, 2).map((match) => match.id))).toEqual(
      new Set(["hasan-1", "hasan-2"]),
    );
    expect(result.matches.some((match) => match.id.startsWith("hussein"))).toBe(false);
    expect(result.matches[0]?.explanation?.rightId).toBe("(inquiry)");
    inquiries.add("hasan-3", {
      given_name: "حسن",
      father_name: "محمود",
      family_name: "خطيب",
      birth_date: "1980",
    });
    const again = inquiries.search({ given_name: "Hasan", father_name: "Mahmoud", family_name: "al-Khatib" });
    expect(again.matches.map((match) => match.id)).toContain("hasan-3");
  });
});
