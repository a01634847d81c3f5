/**
 * The search side in headless Chromium against the real server and the demo facility, in Arabic: a
 * coordinator records a graded claim (testimony, B2) about a basement cell; the heat map's table shows the
 * cell's probability rise by the odds factor of the B2 cell of the likelihood table (6.25), on the
 * coordinator's screen and, live, on a team leader's screen that nobody reloads; then the coordinator
 * produces the coverage report in Arabic (right to left, carrying the log hash the state shows) and
 * downloads it as a PDF. Screenshots go to $ATHAR_SCREENSHOTS (default: the system's temporary folder).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { launchBrowser, newContext, PHONE, signIn, TEXT } from "./support/browser";

const ar = TEXT.ar.search;
const SHOTS = process.env.ATHAR_SCREENSHOTS ?? os.tmpdir();

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const odds = (p: number) => p / (1 - p);

/** The POA the heat map's table shows for a segment (the raw number in data-poa). */
async function poaIn(page: Page, segmentId: string): Promise<number> {
  const value = await page
    .locator(`table.search-segments tr[data-segment-id="${segmentId}"]`)
    .getAttribute("data-poa");
  return Number(value);
}

describe("search", () => {
  it("records a graded claim about a basement cell, shows the heat map change live, and prints the report in Arabic", async () => {
    const context = await newContext(browser, { language: "ar" });
    const page = await context.newPage();
    await signIn(page, app.url, "coordinator", "ar");

    // The basement level and one of its cells, from the site model.
    const outline = await (await page.request.get(`${app.url}/api/sites/${app.siteId}`)).json();
    const basement = outline.levels.find((l: { ordinal: number }) => l.ordinal === -1);
    const plan = await (await page.request.get(`${app.url}/api/levels/${basement.id}/plan`)).json();
    const cell = plan.spaces.find(
      (s: { kind: string; name: string }) => s.kind === "cell" && s.name === "B-3",
    );
    expect(cell, "the demo's first basement has solitary cells B-1…").toBeTruthy();

    // A team leader watches the same heat map (read only) and never reloads.
    const watcherContext = await newContext(browser, { language: "ar" });
    const watcher = await watcherContext.newPage();
    await signIn(watcher, app.url, "field", "ar");

    // The coordinator opens the search page of the basement; the spaces join the log on the first visit.
    await page.goto(`${app.url}/sites/${app.siteId}/search?level=${basement.id}`);
    const row = page.locator(`table.search-segments tr[data-segment-id="${cell.id}"]`);
    await row.waitFor();
    await page.getByRole("heading", { name: ar.table.title }).waitFor();
    const before = await poaIn(page, cell.id);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(0.05);

    await watcher.goto(`${app.url}/sites/${app.siteId}/search?level=${basement.id}`);
    await watcher.locator(`table.search-segments tr[data-segment-id="${cell.id}"]`).waitFor();
    expect(await poaIn(watcher, cell.id)).toBeCloseTo(before, 12);
    await expect.poll(() => watcher.locator(".live-state.live-live").count(), { timeout: 10_000 }).toBe(1);
    // Team leaders read; they do not record claims.
    expect(await watcher.getByRole("button", { name: ar.evidence.add }).count()).toBe(0);

    // The graded claim: testimony, source usually reliable (B), information probably true (2).
    await page.getByRole("button", { name: ar.evidence.add }).click();
    const form = page.locator("form.evidence-form");
    await form.getByLabel(ar.evidence.kind).selectOption("testimony");
    await form.getByLabel(ar.evidence.form.segment).selectOption(cell.id);
    await form.getByLabel(ar.evidence.reportedBy).fill("witness-17");
    await form.getByLabel(ar.evidence.reportedThrough).fill("lawyer-3");
    await form.getByLabel(ar.grade.reliability).selectOption("B");
    await form.getByLabel(ar.grade.credibility).selectOption("2");
    await form.getByLabel(ar.evidence.summary).fill("سُمعت أصوات أشخاص في زنزانة في القبو");
    await form.getByRole("button", { name: ar.evidence.form.submit }).click();
    await page.locator(".notice.success").waitFor();

    // The cell's probability rises by the B2 odds factor; everywhere else falls.
    await expect.poll(() => poaIn(page, cell.id), { timeout: 10_000 }).toBeGreaterThan(before);
    const after = await poaIn(page, cell.id);
    expect(odds(after) / odds(before)).toBeCloseTo(6.25, 6);
    const other = plan.spaces.find((s: { name: string }) => s.name === "B-4");
    expect(await poaIn(page, other.id)).toBeLessThan(before);
    // The likeliest space is now first in the table, and a pin marks the claim on the plan.
    expect(await page.locator("table.search-segments tbody tr").first().getAttribute("data-segment-id")).toBe(
      cell.id,
    );
    await page.locator("[data-evidence-pin]").first().waitFor();
    expect(await page.locator(".evidence-item").first().textContent()).toContain("6.25");

    // The watcher's screen follows without a reload.
    await expect.poll(() => poaIn(watcher, cell.id), { timeout: 10_000 }).toBeCloseTo(after, 12);
    await watcherContext.close();

    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(SHOTS, "athar-search-ar-1280.png"), fullPage: true });

    // The coverage report, in Arabic.
    const state = await (await page.request.get(`${app.url}/api/sites/${app.siteId}/search/state`)).json();
    await page.getByRole("link", { name: ar.report.open }).click();
    await page.waitForURL(/\/search\/report/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const preview = page.frameLocator("iframe.report-preview");
    await preview.locator("h1").waitFor();
    expect(await preview.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await preview.locator("[data-log-hash]").first().getAttribute("data-log-hash")).toBe(
      state.logHash,
    );

    // Print: the report opens on its own, self-contained, right to left, with the hash of the state shown.
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.getByRole("link", { name: ar.report.print }).click(),
    ]);
    await popup.waitForLoadState();
    expect(await popup.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await popup.locator("html").getAttribute("lang")).toBe("ar");
    expect(await popup.locator(".hash").first().textContent()).toBe(state.logHash);
    expect(await popup.locator(`tr[data-segment-id="${cell.id}"]`).count()).toBeGreaterThan(0);
    await popup.screenshot({ path: path.join(SHOTS, "athar-search-report-ar-1280.png") });
    await popup.close();

    // The PDF.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: ar.report.pdf }).click(),
    ]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(10_000);
    await page.locator(".notice.success").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "athar-search-reportpage-ar-1280.png") });
    await context.close();
  });

  it("works on a phone in Arabic: heat map, figures and the table of the level", async () => {
    const context = await newContext(browser, { language: "ar", viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, app.url, "coordinator", "ar");
    await page.goto(`${app.url}/sites/${app.siteId}/search`);
    await page.locator("table.search-segments tbody tr").first().waitFor();
    await page.locator(".search-figures").waitFor();
    // Nothing wider than the screen but the table's own scroller.
    const overflow = Number(await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOTS, "athar-search-ar-390.png"), fullPage: true });
    await context.close();
  });
});
