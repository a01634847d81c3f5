/**
 * The web app in headless Chromium against the real server (one server and one browser for the whole file,
 * to keep the run short):
 * - the foundation's promise: sign in, switch to Arabic, open the plan, draw a space on a basement level,
 *   reload and see it, then find the change in the audit trail as an administrator;
 * - English, left to right, and a navigation that shows each role only what it may use;
 * - a door placed between two cells, seen at once on a second screen through live events.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { launchBrowser, newContext, signIn, TEXT } from "./support/browser";

const ar = TEXT.ar;
const en = TEXT.en;
const SPACE_NAME = "E2E basement room";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const htmlAttribute = (page: Page, name: string) => page.locator("html").getAttribute(name);

async function navLinks(page: Page, label: string): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: label });
  await nav.waitFor({ state: "attached" });
  return (await nav.getByRole("link").allTextContents()).map((text) => text.trim());
}

describe("plan editing in Arabic", () => {
  it("draws a space on a basement level, keeps it across a reload, and shows it in the audit trail", async () => {
    const context = await newContext(browser, { language: "en" });
    const page = await context.newPage();
    await signIn(page, app.url, "coordinator", "en");
    expect(await htmlAttribute(page, "dir")).toBe("ltr");
    expect(await navLinks(page, en.nav.label)).toEqual([en.nav.sites, en.operations.nav.area]);

    // Switch to Arabic: the page turns right-to-left and shows Arabic labels.
    await page.getByRole("button", { name: TEXT.en.language.other }).click();
    await page.waitForFunction('document.documentElement.dir === "rtl"');
    expect(await htmlAttribute(page, "lang")).toBe("ar");
    const nav = page.getByRole("navigation", { name: ar.nav.label });
    await expect.poll(() => nav.getByRole("link", { name: ar.nav.sites }).isVisible()).toBe(true);

    // Open the plan of the demo site.
    await page.getByRole("link", { name: "Demo facility (fictional)" }).click();
    await page.getByRole("application").waitFor();
    await page.locator(".plan-opening").first().waitFor();

    // Right to left: the level list stands on the right of the plan (logical CSS mirrored the layout).
    const levels = page.getByRole("navigation", { name: ar.plan.levels.label });
    const [levelsBox, planBox] = await Promise.all([
      levels.boundingBox(),
      page.getByRole("application").boundingBox(),
    ]);
    expect(levelsBox && planBox && levelsBox.x > planBox.x + planBox.width).toBe(true);

    // Choose the second basement.
    await levels.getByRole("button", { name: /Basement 2/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("level")).not.toBeNull();
    await expect
      .poll(() => levels.getByRole("button", { name: /Basement 2/ }).getAttribute("aria-current"))
      .toBe("true");
    await page.getByRole("heading", { name: /Basement 2/ }).waitFor();
    const spacesBefore = await page.locator(".plan-space").count();

    // Draw a rectangle by dragging across an empty part of the plan (upper start corner of the map).
    await page.getByRole("button", { name: ar.plan.tools.rectangle, exact: true }).click();
    const box = await page.getByRole("application").boundingBox();
    if (!box) throw new Error("the plan has no box");
    const start = { x: box.x + box.width * 0.12, y: box.y + box.height * 0.15 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 40, { steps: 4 });
    await page.mouse.move(start.x + 120, start.y + 80, { steps: 4 });
    await page.mouse.up();

    const form = page.getByRole("form", { name: ar.space.newTitle });
    await form.getByLabel(ar.space.name).fill(SPACE_NAME);
    await form.getByLabel(ar.space.kind).selectOption("room");
    await form.getByRole("button", { name: ar.space.create }).click();
    await page.getByText(ar.space.created).waitFor();
    await expect.poll(() => page.locator(".plan-space").count()).toBe(spacesBefore + 1);

    // Reload: still Arabic, still on the second basement, and the space is there.
    await page.reload();
    await page.getByRole("application").waitFor();
    expect(await htmlAttribute(page, "dir")).toBe("rtl");
    await page.getByRole("heading", { name: /Basement 2/ }).waitFor();
    await page.getByRole("button", { name: new RegExp(SPACE_NAME) }).waitFor();
    await expect.poll(() => page.locator(".plan-space").count()).toBe(spacesBefore + 1);
    await context.close();

    // An administrator finds the change in the audit trail (Arabic, the default language).
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await signIn(admin, app.url, "admin", "ar");
    expect(await htmlAttribute(admin, "dir")).toBe("rtl");
    expect(await navLinks(admin, ar.nav.label)).toEqual([
      ar.nav.sites,
      ar.operations.nav.area,
      ar.nav.audit,
      ar.tracing.nav.area,
    ]);
    await admin.getByRole("link", { name: ar.nav.audit }).click();
    await admin.getByRole("heading", { name: ar.audit.title, level: 1 }).waitFor();
    await admin.getByText(/سلسلة التجزئة سليمة/).waitFor();

    const filters = admin.getByRole("form", { name: ar.audit.filters });
    await filters.getByLabel(ar.audit.action, { exact: true }).selectOption("space.create");
    await filters.getByLabel(ar.audit.actor, { exact: true }).fill("coordinator");
    await filters.getByRole("button", { name: ar.audit.apply }).click();
    const rows = admin.locator(".audit-table tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.textContent()).toContain(ar.audit.actions.space.create);
    expect(await row.textContent()).toContain("coordinator");
    await row.getByText(ar.audit.show).click();
    expect(await row.locator(".audit-change").textContent()).toContain(SPACE_NAME);
    await adminContext.close();
  });
});

describe("English and role-based navigation", () => {
  it("shows each role only the pages it may use", async () => {
    // The administrator's and the coordinator's navigation are checked in the test above.
    const expectations: { username: string; links: string[] }[] = [
      { username: "field", links: [en.nav.sites, en.operations.nav.area] },
      { username: "tracer", links: [en.tracing.nav.area] },
    ];
    // One browser context per account, side by side: each has its own session cookie.
    const check = async ({ username, links }: { username: string; links: string[] }) => {
      const context = await newContext(browser, { language: "en" });
      const page = await context.newPage();
      await signIn(page, app.url, username, "en");
      expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await navLinks(page, en.nav.label), username).toEqual(links);

      if (username === "tracer") {
        // Tracing staff land in their own area, and the audit page is refused.
        await page.waitForURL(/\/tracing$/);
        await page.goto(`${app.url}/audit`);
        await page.getByRole("heading", { name: en.forbidden.title }).waitFor();
      }
      if (username === "field") {
        // A field team reads the plan but has no drawing tools, and its forms are read-only.
        await page.goto(`${app.url}/sites/${app.siteId}`);
        await page.locator(".plan-opening").first().waitFor();
        expect(await page.getByRole("toolbar", { name: en.plan.tools.label }).count()).toBe(0);
        // Left to right: the level list stands on the left of the plan.
        const [levelsBox, planBox] = await Promise.all([
          page.getByRole("navigation", { name: en.plan.levels.label }).boundingBox(),
          page.getByRole("application").boundingBox(),
        ]);
        expect(levelsBox && planBox && levelsBox.x + levelsBox.width < planBox.x).toBe(true);
        await page.locator(".space-list button", { hasText: /^A-2(?!\d)/ }).click();
        await page.getByRole("form", { name: en.space.title }).waitFor();
        expect(await page.getByLabel(en.space.name, { exact: true }).isDisabled()).toBe(true);
        expect(await page.getByRole("button", { name: en.common.delete }).count()).toBe(0);
      }
      await context.close();
    };
    await Promise.all(expectations.map(check));
  });

  it("places a door between two cells, and a second screen on the site sees it at once", async () => {
    const contexts = await Promise.all([
      newContext(browser, { language: "en" }),
      newContext(browser, { language: "en" }),
    ]);
    const [first, second] = await Promise.all(contexts.map((context) => context.newPage()));
    if (!first || !second) throw new Error("no pages");
    const openBasement = async (page: Page) => {
      await signIn(page, `${app.url}/sites/${app.siteId}`, "coordinator", "en");
      await page.getByRole("button", { name: /Basement 1/ }).click();
      await page.getByRole("heading", { name: /Basement 1/ }).waitFor();
      await page.getByText(en.plan.live.live, { exact: true }).waitFor();
    };
    await Promise.all([openBasement(first), openBasement(second)]);
    const openingsBefore = await second.locator(".plan-opening").count();

    // Click midway between two neighbouring cells: that is the wall between them.
    const cell = (name: string) =>
      first.locator("polygon[data-space-id]", {
        has: first.locator("title", { hasText: new RegExp(`^${name}$`) }),
      });
    await first.getByRole("button", { name: en.plan.tools.door, exact: true }).click();
    await first.locator(".tool-hint").waitFor(); // the hint above the plan has moved it down
    const [a, b] = await Promise.all([cell("B-2").boundingBox(), cell("B-3").boundingBox()]);
    if (!a || !b) throw new Error("cells B-2 and B-3 are not on the plan");
    await first.mouse.click(
      (a.x + a.width / 2 + b.x + b.width / 2) / 2,
      (a.y + a.height / 2 + b.y + b.height / 2) / 2,
    );

    const form = first.getByRole("form", { name: en.opening.newTitle });
    const spaceA = await form.getByLabel(en.opening.spaceA).locator("option:checked").textContent();
    const spaceB = await form.getByLabel(en.opening.spaceB).locator("option:checked").textContent();
    expect([spaceA, spaceB].map((text) => text?.split(" ")[0]).sort()).toEqual(["B-2", "B-3"]);
    await form.getByLabel(en.opening.name, { exact: true }).fill("Breach B-2/B-3");
    await form.getByLabel(en.opening.kind).selectOption("breach");
    await form.getByLabel(en.barrier.state).selectOption("breached");
    await form.getByRole("button", { name: en.opening.create }).click();
    await first.getByText(en.opening.created).waitFor();

    // The other screen redraws from the live event, without a reload.
    await expect
      .poll(() => second.locator(".plan-opening").count(), { timeout: 10_000 })
      .toBe(openingsBefore + 1);
    await second
      .locator(".plan-opening", { has: second.locator("title", { hasText: "Breach B-2/B-3" }) })
      .waitFor();
    await Promise.all(contexts.map((context) => context.close()));
  });
});
