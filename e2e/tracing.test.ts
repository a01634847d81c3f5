/**
 * Tracing in headless Chromium against the real server and the demo registry (packages/server/src/demo/
 * tracing.ts: a man registered in Latin letters at the gate, "Khaled Mahmoud Hassan Halabi", and his
 * brother in a recovered register):
 * - a family, without an account, asks in Arabic for "خالد محمود حسن الحلبي" and keeps the receipt code;
 * - the status page, with that code, says "received" and nothing else;
 * - a tracing officer finds the public inquiry, triages it (in progress), lets the matcher look, sees the
 *   registry record written in Latin letters proposed (and the brother flagged as a possible sibling),
 *   reads the explanation in bits and accepts the match (and, at the end, undoes the merge);
 * - the family's status page now says "in progress" — and still nothing about the person: the answer has
 *   only the processing status, and the page shows no registry detail;
 * - what the disclosure rules allow (an update on the inquiry, not that he is alive: he has not consented)
 *   and a drafted message waiting in the outbox;
 * - a typed-up register imported through the wizard (a bad row named, then a corrected mapping), and PFIF;
 * - anonymous visitors reach only the public pages; a field user sees no tracing at all; an administrator
 *   sees the registry without contact details and cannot decide matches.
 * Set ATHAR_E2E_SCREENSHOTS=<folder> to keep screenshots of each step in both languages.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { type Language, launchBrowser, newContext, PHONE, signIn, TEXT } from "./support/browser";

const ar = TEXT.ar.tracing;
const en = TEXT.en.tracing;
const SHOTS = process.env.ATHAR_E2E_SCREENSHOTS ?? "";
const PFIF_TEST_FILE = fileURLToPath(new URL("../test-data/pfif/test.pfif-1.4.xml", import.meta.url));

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, `tracing-${name}.png`), fullPage: true });
}

/** The same page in the other language, for the screenshots (and to see that switching keeps it working). */
async function shotBothLanguages(page: Page, name: string, now: Language): Promise<void> {
  if (!SHOTS) return;
  await shot(page, `${name}-${now}`);
  const other: Language = now === "ar" ? "en" : "ar";
  await page.getByRole("button", { name: TEXT[now].language.other }).click();
  await page.waitForFunction(`document.documentElement.lang === "${other}"`);
  await shot(page, `${name}-${other}`);
  await page.getByRole("button", { name: TEXT[other].language.other }).click();
  await page.waitForFunction(`document.documentElement.lang === "${now}"`);
}

/** What the status page shows, with the answer the server gave it. */
async function checkStatus(
  page: Page,
  code: string,
): Promise<{ body: Record<string, unknown>; text: string }> {
  await page.goto(`${app.url}/inquiry/status`);
  await page.getByLabel(ar.public.code).fill(code);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/public/inquiries/status"));
  await page.getByRole("button", { name: ar.public.check }).click();
  const body = (await (await answer).json()) as Record<string, unknown>;
  await page.locator(".public-status").waitFor();
  return { body, text: (await page.locator("main").textContent()) ?? "" };
}

/** Registry details of the demo record that the family must never see on the public pages. */
const REGISTRY_DETAILS = [
  "Khaled",
  "Halabi",
  "D-1042",
  "B-12",
  "Gate desk",
  "alive",
  en.status.alive,
  ar.status.alive,
];

describe("tracing: from a family's inquiry in Arabic to an accepted match", () => {
  it("takes a public inquiry, matches it across scripts, accepts it, and tells the family only the processing status", async () => {
    // ── The family: no account, Arabic (the default language). ─────────────────────────────────────
    const familyContext = await newContext(browser);
    const family = await familyContext.newPage();
    await family.goto(`${app.url}/inquiry`);
    await family.getByRole("heading", { name: ar.public.formTitle }).waitFor();
    expect(await family.locator("html").getAttribute("dir")).toBe("rtl");
    // The public page is not the sign-in screen and offers no way into the registry.
    expect(await family.getByLabel(TEXT.ar.login.password).count()).toBe(0);
    await shot(family, "public-form-ar");

    await family.getByLabel(ar.public.givenName).fill("خالد");
    await family.getByLabel(ar.public.fatherName).fill("محمود");
    await family.getByLabel(ar.public.grandfatherName).fill("حسن");
    await family.getByLabel(ar.public.familyName).fill("الحلبي");
    await family.getByLabel(ar.public.motherName).fill("فاطمة الصباغ");
    await family.getByLabel(ar.person.sex).selectOption("male");
    await family.getByLabel(ar.public.birthDate).fill("حوالي ١٩٨٥");
    await family.getByLabel(ar.person.governorate).selectOption("aleppo");
    await family.getByLabel(ar.public.circumstances).fill("اعتُقل عند حاجز سنة 2013 (تجربة).");
    // Submitting without a way to reach the family or consent: the form says what is missing, sends nothing.
    await family.getByLabel(ar.public.requesterName).fill("أم خالد (تجربة)");
    await family.getByLabel(ar.public.relationship).selectOption("parent");
    await family.getByRole("button", { name: ar.public.submit }).click();
    await family.getByText(ar.public.needContact).waitFor();
    await family.getByText(ar.public.consentRequired).waitFor();
    await family.getByLabel(ar.public.phone).fill("+963 900 000 777");
    await family.getByLabel(ar.public.storeAndProcess).check();
    await family.getByRole("button", { name: ar.public.submit }).click();

    await family.getByRole("heading", { name: ar.public.receiptTitle }).waitFor();
    const code = (
      (await family.locator("[data-receipt-code]").getAttribute("data-receipt-code")) ?? ""
    ).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await family.getByText(ar.public.adviceOnce).isVisible()).toBe(true);
    await shotBothLanguages(family, "receipt", "ar");

    // The status page: received; a code typed in lower case without dashes still works.
    const received = await checkStatus(family, code.replace(/-/g, "").toLowerCase());
    expect(Object.keys(received.body).sort()).toEqual(["message", "status"]);
    expect(received.body.status).toBe("received");
    expect(received.text).toContain(ar.public.status.received.text);
    // An unknown code is answered as unknown (it finds nothing), not as "not listed".
    await family.getByLabel(ar.public.code).fill("0000-0000-0000-0000");
    await family.getByRole("button", { name: ar.public.check }).click();
    await family.getByText(ar.public.unknownCode).waitFor();

    // ── The tracing officer, in English. ────────────────────────────────────────────────────────────
    const officerContext = await newContext(browser, { language: "en" });
    const officer = await officerContext.newPage();
    await signIn(officer, app.url, "tracer", "en");
    await officer
      .getByRole("navigation", { name: TEXT.en.nav.label })
      .getByRole("link", { name: en.nav.area })
      .click();
    await officer.getByRole("heading", { name: en.registry.title }).waitFor();

    // The registry search: the Arabic spelling finds the record written in Latin letters.
    await officer.getByLabel(en.registry.q, { exact: true }).fill("خالد الحلبي");
    await officer.getByRole("button", { name: en.registry.search, exact: true }).click();
    await officer.waitForURL(/\/tracing\?q=/);
    await expect
      .poll(() => officer.locator(".result-list").textContent())
      .toContain("Khaled Mahmoud Hassan Halabi");
    await shotBothLanguages(officer, "registry-search", "en");

    // The public inquiry, waiting for triage.
    await officer
      .getByRole("navigation", { name: en.nav.label })
      .getByRole("link", { name: en.nav.inquiries })
      .click();
    await officer.getByLabel(en.inquiries.channel).selectOption("public_form");
    const row = officer.locator(".inquiry-table tbody tr", { hasText: "خالد محمود حسن الحلبي" });
    await row.waitFor();
    expect(await row.textContent()).toContain(en.inquiryStatus.received);
    await row.getByRole("link").click();
    await officer.getByRole("heading", { name: en.inquiry.candidates }).waitFor();
    await officer.getByText(en.inquiry.noCandidates).waitFor();

    // Triage: the inquiry is in progress (the family will see that), then the matcher looks.
    await officer.getByLabel(en.inquiry.newStatus).selectOption("in_progress");
    await officer.getByLabel(en.inquiry.statusReason).fill("Triaged: a real request (e2e)");
    await officer.getByRole("button", { name: en.inquiry.changeStatus }).click();
    await officer.locator(".person-header .inquiry-in_progress").waitFor();
    await officer.getByRole("button", { name: en.inquiry.findMatches, exact: true }).click();
    await officer.locator(".notice.success", { hasText: "Compared with" }).waitFor();
    const khaled = officer.locator(".candidate-card", { hasText: "Khaled Mahmoud Hassan Halabi" });
    await khaled.waitFor();
    // The brother shares every parentage name: proposed too, and flagged.
    const brother = officer.locator(".candidate-card", { hasText: "عمر محمود حسن الحلبي" });
    await brother.waitFor();
    expect(await brother.textContent()).toContain(en.review.possibleSiblings);
    expect(await khaled.textContent()).not.toContain(en.review.possibleSiblings);
    await shotBothLanguages(officer, "inquiry", "en");

    // The proposal side by side, with the weight of each field in bits.
    await khaled.getByRole("link", { name: en.inquiry.review }).click();
    await officer.getByRole("heading", { name: en.review.heading.inquiry }).waitFor();
    const reviewUrl = officer.url();
    const table = officer.locator(".explain-table");
    const given = table.locator("tbody tr", { hasText: en.field.given_name });
    expect(await given.textContent()).toContain("خالد");
    expect(await given.textContent()).toContain("Khaled");
    expect(await given.textContent()).toContain(en.level.name.same_name);
    expect(await given.locator(".bits-for").count()).toBe(1);
    expect(await given.locator(".bits-number").textContent()).toMatch(/^\+\d+(\.\d)?$/);
    // Every compared field has a bar and a signed number in words, not colour alone.
    const rows = await table.locator("tbody tr").count();
    expect(rows).toBeGreaterThanOrEqual(6);
    expect(await table.locator("tbody .bits-value").count()).toBe(rows);
    expect(await table.locator("tfoot").textContent()).toContain(en.review.prior);
    await shotBothLanguages(officer, "review", "en");

    // Accept, with a reason.
    await officer.getByRole("button", { name: en.review.accept }).click();
    await officer.getByText(en.review.reasonRequired).waitFor();
    await officer
      .getByLabel(en.review.reason)
      .fill(
        "Same name in both scripts, same father and grandfather, birth year agrees, same governorate (e2e).",
      );
    await officer.getByRole("button", { name: en.review.accept }).click();
    await officer.getByText(en.review.saved).waitFor();
    await officer.locator(".merge-note").waitFor();
    expect(await officer.locator(".review-summary .candidate-state").textContent()).toBe(
      en.candidateState.accepted,
    );
    await shot(officer, "review-accepted-en");

    // The person page now holds both records, each with its own source.
    await officer.locator(".side-column").last().getByRole("link").first().click();
    await officer.getByRole("heading", { name: "Records of this person", exact: false }).waitFor();
    await expect.poll(() => officer.locator(".record-grid .person-card").count()).toBe(2);
    const sources = await officer.locator(".record-grid .source-kind").allTextContents();
    expect(sources.sort()).toEqual([en.sourceKind.freed_at_gate, en.sourceKind.inquiry].sort());
    await shotBothLanguages(officer, "person", "en");

    // ── The family checks again: the processing status changed; nothing about the person. ────────────
    const later = await checkStatus(family, code);
    expect(Object.keys(later.body).sort()).toEqual(["message", "status"]);
    expect(later.body.status).toBe("in_progress");
    expect(later.text).toContain(ar.public.status.in_progress.text);
    for (const detail of REGISTRY_DETAILS) {
      expect(later.text).not.toContain(detail);
      expect(JSON.stringify(later.body)).not.toContain(detail);
    }
    await shotBothLanguages(family, "status-in-progress", "ar");

    // ── What the family may be told: the rules, and a message drafted to the outbox. ──────────────────
    await officer.goBack();
    await officer.getByRole("link", { name: en.review.toInquiry }).click();
    await officer.getByRole("heading", { name: en.disclosure.title }).waitFor();
    const disclosure = officer.locator(".disclosure-table");
    const update = disclosure.locator("tr", { hasText: en.disclosureKind.inquiry_update });
    const alive = disclosure.locator("tr", { hasText: en.disclosureKind.alive_and_safe });
    await expect.poll(() => update.locator(".allow-chip").textContent()).toContain(en.disclosure.yes);
    expect(await alive.locator(".allow-chip").textContent()).toContain(en.disclosure.no);
    // He has not consented: the reason says so, in the page's language.
    expect(await alive.textContent()).toContain("The found person has not agreed to share");
    await officer
      .getByRole("textbox", { name: en.disclosure.body })
      .fill("We have your inquiry and are working on it (e2e).");
    await officer.getByRole("button", { name: en.disclosure.draft }).click();
    await officer.getByText(en.disclosure.drafted).waitFor();
    await officer.locator(".message-card.state-draft").waitFor();
    await shotBothLanguages(officer, "disclosure", "en");
    await officer
      .getByRole("navigation", { name: en.nav.label })
      .getByRole("link", { name: en.nav.outbox })
      .click();
    await officer.locator(".message-card.state-draft", { hasText: "We have your inquiry" }).waitFor();
    // Four eyes: the author cannot approve their own draft.
    expect(await officer.getByText(en.outbox.ownDraft).count()).toBeGreaterThan(0);
    expect(await officer.getByRole("button", { name: en.outbox.approve }).count()).toBe(0);
    await shot(officer, "outbox-en");

    // Undoing the merge (with a reason) separates the records again and returns the proposal to the queue.
    await officer.goto(reviewUrl);
    await officer.getByRole("button", { name: en.merge.undo }).click();
    await officer
      .getByRole("textbox", { name: en.merge.undoReason, exact: true })
      .fill("Checking the mother's name with the family first (e2e).");
    await officer.getByRole("button", { name: en.merge.undoConfirm }).click();
    await expect
      .poll(() => officer.locator(".review-summary .candidate-state").textContent())
      .toBe(en.candidateState.open);
    await officer.getByRole("button", { name: en.review.accept }).waitFor();
    await officer.locator(".side-column").last().getByRole("link").first().click();
    await expect.poll(() => officer.locator(".record-grid .person-card").count()).toBe(1);

    await familyContext.close();
    await officerContext.close();
  });

  it("imports a typed-up register: a bad row is named and stops the import, a corrected mapping imports every row; PFIF is checked, then imported", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, app.url, "tracer", "ar");
    await page.goto(`${app.url}/tracing/exchange`);
    await page.getByRole("heading", { name: ar.exchange.csvTitle }).waitFor();
    // Arabic headers (الكنية is the family name); the last column holds a date nobody can read.
    const csv = [
      "الاسم,اسم الأب,الكنية,تاريخ الميلاد,ملاحظة التاريخ",
      "زياد,فراس,العمر,1987,1990",
      "Yamen,Tarek,Haddad,about 1991,not a date",
      "ريم,نبيل,السيد,1993-02,1993",
    ].join("\n");
    await page.getByLabel(ar.exchange.csvFile).setInputFiles({
      name: "register-e2e.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await page.getByRole("button", { name: ar.exchange.preview }).click();
    const mapping = page.locator(".mapping-table");
    await mapping.waitFor();
    // Suggested from the Arabic headers.
    expect(await page.getByLabel(`حقل العمود الكنية`).inputValue()).toBe("family_name");
    // The officer maps the birth date by hand, and the last column to a date: row 2 cannot be read, and
    // the error names the row and the column.
    await page.getByLabel("حقل العمود تاريخ الميلاد").selectOption("birth_date");
    await page.getByLabel("حقل العمود ملاحظة التاريخ").selectOption("last_seen_date");
    await page.getByText(ar.exchange.mappingChanged).waitFor();
    await page.getByRole("button", { name: ar.exchange.previewAgain }).click();
    const errors = page.locator(".error-table tbody tr");
    await errors.first().waitFor();
    expect(await errors.count()).toBe(1);
    const error = await errors.first().textContent();
    expect(error).toContain("2");
    expect(error).toContain("ملاحظة التاريخ");
    expect(error).toContain("last_seen_date");
    expect(await page.locator(".preview-table .row-error").count()).toBe(1);
    expect(
      await page.locator(".exchange-page button.primary", { hasText: "استيراد" }).first().isDisabled(),
    ).toBe(true);
    await shot(page, "import-errors-ar");
    // Ignore the column: every row is valid, and the import takes all three.
    await page.getByLabel("حقل العمود ملاحظة التاريخ").selectOption("ignore");
    await page.getByRole("button", { name: ar.exchange.previewAgain }).click();
    await page.locator(".notice.success", { hasText: "3" }).waitFor();
    await page.getByRole("button", { name: "استيراد الصفوف الـ3" }).click();
    await page.getByText(ar.exchange.imported_few.replace("{{count}}", "3")).waitFor();
    await shot(page, "import-done-ar");
    // The imported records are in the registry, found across scripts.
    await page.goto(`${app.url}/tracing?q=${encodeURIComponent("Yamen Haddad")}`);
    await expect.poll(() => page.locator(".result-list").textContent()).toContain("Yamen Tarek Haddad");
    // "about 1991" was read as an estimate, shown in the page's language.
    expect(await page.locator(".result-list").textContent()).toContain("حوالي 1991");

    // PFIF: checking writes nothing; importing does.
    await page.goto(`${app.url}/tracing/exchange`);
    await page.getByLabel(ar.exchange.pfifFile).setInputFiles(PFIF_TEST_FILE);
    await page.getByRole("button", { name: ar.exchange.pfifCheck }).click();
    await page.getByText(ar.exchange.pfifChecked).waitFor();
    await page.getByRole("button", { name: ar.exchange.pfifImport, exact: true }).click();
    await page.getByText(ar.exchange.pfifImported).waitFor();
    expect(await page.locator(".notice.success").textContent()).toMatch(/[1-9]/);
    await context.close();
  });

  it("lets anonymous visitors open only the public pages, on a phone too; shows a field user no tracing and an administrator no contact details", async () => {
    const context = await newContext(browser, { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${app.url}/inquiry/status`);
    await page.getByRole("heading", { name: ar.public.statusTitle }).waitFor();
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "public-status-phone-ar");
    await page.goto(`${app.url}/inquiry`);
    await page.getByRole("heading", { name: ar.public.formTitle }).waitFor();
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      PHONE.width,
    );
    await shot(page, "public-form-phone-ar");
    // The registry is not public: the sign-in screen.
    await page.goto(`${app.url}/tracing`);
    await page.getByLabel(TEXT.ar.login.password).waitFor();
    await context.close();

    const fieldContext = await newContext(browser, { language: "en" });
    const field = await fieldContext.newPage();
    await signIn(field, app.url, "field", "en");
    const nav = field.getByRole("navigation", { name: TEXT.en.nav.label });
    await nav.waitFor({ state: "attached" });
    expect(await nav.getByRole("link", { name: en.nav.area }).count()).toBe(0);
    await field.goto(`${app.url}/tracing`);
    await field.getByRole("heading", { name: TEXT.en.forbidden.title }).waitFor();
    await fieldContext.close();

    // An administrator runs the registry but reads no contact details and decides no matches.
    const adminContext = await newContext(browser, { language: "en" });
    const admin = await adminContext.newPage();
    await signIn(admin, app.url, "admin", "en");
    await admin.goto(`${app.url}/tracing/inquiries`);
    const tabs = admin.getByRole("navigation", { name: en.nav.label });
    await tabs.getByRole("link", { name: en.nav.exchange }).waitFor();
    expect(await tabs.getByRole("link", { name: en.nav.outbox }).count()).toBe(0);
    // The demo inquiry: a mother asks for her daughter, proposed against the record of the search team.
    await admin.locator(".inquiry-table tbody tr", { hasText: "رانيا يوسف درويش" }).getByRole("link").click();
    await admin.getByText(en.inquiry.requesterHidden).waitFor();
    expect(await admin.getByRole("heading", { name: en.disclosure.title }).count()).toBe(0);
    await admin.locator(".candidate-card").first().getByRole("link", { name: en.inquiry.review }).click();
    await admin.getByText(en.review.onlyOfficers).waitFor();
    expect(await admin.getByRole("button", { name: en.review.accept }).count()).toBe(0);
    expect(await admin.getByText(en.person.restrictedHidden).count()).toBeGreaterThan(0);
    await admin.goto(`${app.url}/tracing/inquiries/new`);
    await admin.getByRole("heading", { name: TEXT.en.forbidden.title }).waitFor();
    await adminContext.close();
  });
});
