/**
 * Site analysis in headless Chromium against the real server: a coordinator imports a small IMDF archive
 * (a cell wing with one cell left out of the plan, its door still drawn), sees the hidden-space candidate on
 * the plan, makes it a hypothesis with a prior, plans a route to it and turns the route into a breaching
 * assignment.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportImdfZip } from "@athar/plans";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wingScenario } from "../packages/plans/test/fixtures/void-scenarios";
import { type RunningApp, startApp } from "./support/app";
import { launchBrowser, newContext, signIn, TEXT } from "./support/browser";

const en = TEXT.en.siteAnalysis;
const SITE_NAME = "E2E wing with a hidden cell";

let app: RunningApp;
let browser: Browser;
let dir: string;
let archive: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-e2e-imdf-"));
  archive = path.join(dir, "wing.zip");
  const { document } = wingScenario({
    omit: ["S4"],
    doorToOmitted: ["S4"],
    barrier: { lock: "mechanical", material: "steel", state: "locked" },
  });
  fs.writeFileSync(archive, exportImdfZip(document, { created: "2024-12-08T06:00:00Z" }));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("site analysis", () => {
  it("imports an archive, finds the hidden cell, makes it a hypothesis and plans a breaching route to it", async () => {
    const context = await newContext(browser, { language: "en" });
    const page = await context.newPage();
    await signIn(page, app.url, "coordinator", "en");

    // Import: check first (nothing stored), then import.
    await page.getByRole("link", { name: TEXT.en.nav.sites }).click();
    await page.getByRole("link", { name: en.importImdf }).click();
    await page.getByLabel(en.import.file).setInputFiles(archive);
    await page.getByLabel(en.import.name).fill(SITE_NAME);
    await page.getByRole("button", { name: en.import.check }).click();
    await page.getByText(en.import.valid).waitFor();
    const levelRows = page.locator(".analysis-table tbody tr");
    expect(await levelRows.count()).toBeGreaterThanOrEqual(1);
    await page.getByRole("button", { name: en.import.commit, exact: true }).click();

    // The analysis page of the new site: one candidate, drawn on the plan.
    await page.waitForURL(/\/sites\/[0-9a-f-]+\/analysis/);
    await page.getByRole("heading", { name: SITE_NAME }).waitFor();
    const candidate = page.locator("[data-plan-item^='candidate:']");
    await candidate.first().waitFor();
    expect(await candidate.count()).toBe(1);
    await expect.poll(() => page.locator(".candidate-list > li").count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => page.locator(".candidate-list").textContent())
      .toContain(en.reasons.opening_to_nothing);

    // Pick it on the plan and make it a hypothesis with a prior of 0.3.
    await candidate.first().click();
    await page.getByRole("heading", { name: en.candidates.selected }).waitFor();
    await page.locator("#hypothesis-prior").fill("0.3");
    await page.getByRole("button", { name: en.hypothesis.submit }).click();
    await page.locator(".notice.success").waitFor();
    expect(await page.locator(".notice.success").textContent()).toContain("0.3");
    // The suspected space is now part of the plan.
    await expect.poll(() => page.locator(".plan-space.status-suspected").count()).toBe(1);

    // Plan a route to it from outside, and turn the fastest into a breaching assignment.
    await page.getByRole("button", { name: en.candidates.routeHere }).click();
    await page.getByRole("button", { name: en.route.find }).click();
    await page.locator(".route-answer.shown").waitFor();
    expect(await page.locator(".route-answer.shown .route-total").textContent()).toMatch(/min/);
    await expect.poll(() => page.locator(".planned-route line").count()).toBeGreaterThan(0);
    expect(await page.locator(".route-breach").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: en.route.assignment }).click();
    await expect
      .poll(() => page.locator(".notice.success").textContent())
      .toMatch(/Breaching assignment .* created as a draft/);
    await context.close();
  });
});
