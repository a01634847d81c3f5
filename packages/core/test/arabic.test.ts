import { describe, expect, it } from "vitest";
import { joinArabicCompounds, normalizeArabic, normalizeSearchText } from "../src/arabic";

describe("normalizeArabic", () => {
  it("strips tashkeel, superscript alef and tatweel", () => {
    expect(normalizeArabic("مُحَمَّد")).toBe("محمد");
    expect(normalizeArabic("رحمـــن")).toBe("رحمن");
    expect(normalizeArabic("رحمٰن")).toBe("رحمن");
  });
  it("folds alef variants, taa marbuta, alef maqsura, hamza seats", () => {
    expect(normalizeArabic("أحمد")).toBe("احمد");
    expect(normalizeArabic("إبراهيم")).toBe("ابراهيم");
    expect(normalizeArabic("آمنة")).toBe("امنه");
    expect(normalizeArabic("ٱلله")).toBe("الله");
    expect(normalizeArabic("مصطفى")).toBe("مصطفي");
    expect(normalizeArabic("مؤمن")).toBe("مومن");
    expect(normalizeArabic("هانئ")).toBe("هاني");
  });
  it("maps Persian look-alikes to Arabic letters, never the reverse", () => {
    expect(normalizeArabic("کریم")).toBe("كريم");
    expect(normalizeArabic("كريم")).toBe("كريم");
  });
  it("turns Arabic-Indic and Persian digits into ASCII", () => {
    expect(normalizeArabic("رقم ١٢٣٤٥٦٧٨٩٠")).toBe("رقم 1234567890");
    expect(normalizeArabic("۱۹۸۵")).toBe("1985");
  });
  it("drops invisible marks that copied text carries (direction marks, zero-width joiners, BOM)", () => {
    expect(normalizeArabic("\u200Fمحمد\u200E")).toBe("محمد");
    expect(normalizeArabic("عبد\u200Cالله")).toBe("عبدالله");
    expect(normalizeArabic("\uFEFF\u202Bأحمد\u202C")).toBe("احمد");
  });
  it("leaves Latin text alone and collapses whitespace", () => {
    expect(normalizeArabic("  Mohammad   Ali ")).toBe("Mohammad Ali");
  });
});

describe("joinArabicCompounds", () => {
  it("joins abd- and -din compounds whichever way they were typed", () => {
    const a = joinArabicCompounds(normalizeArabic("عبد الرحمن"));
    const b = joinArabicCompounds(normalizeArabic("عبدالرحمن"));
    expect(a).toBe(b);
    expect(joinArabicCompounds(normalizeArabic("نور الدين"))).toBe(
      joinArabicCompounds(normalizeArabic("نورالدين")),
    );
  });
  it("keeps abd (servant of) and abu (father of) apart", () => {
    expect(joinArabicCompounds("عبد الله")).not.toBe(joinArabicCompounds("ابو الله"));
  });
});

describe("normalizeSearchText", () => {
  it("folds Latin accents and case, and drops punctuation", () => {
    expect(normalizeSearchText("Abd al-Rahmân")).toBe("abd al rahman");
  });
  it("normalises Arabic the same way the linkage engine does", () => {
    expect(normalizeSearchText("عَبْدُ الرَّحْمٰنِ")).toBe(normalizeSearchText("عبدالرحمن"));
  });
});
