/**
 * Screenshots of search operations for a human to look at: the team leader's phone (390 × 844, or the width
 * given by ATHAR_PHONE_WIDTH) through an assignment, the report form, two reports waiting offline, the
 * answers with their markings and a conflict; then the coordinator's board on a laptop and on a phone.
 *   node --import tsx e2e/operations-screenshots.ts [ar|en] [output folder, default /tmp]
 * Needs the built web app (`npm run build`). Writes athar-ops-<view>-<language>.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { startApp } from "./support/app";
import {
  DEMO_PASSWORD,
  LAPTOP,
  type Language,
  launchBrowser,
  newContext,
  PHONE,
  signIn,
  TEXT,
} from "./support/browser";

const language: Language = process.argv[2] === "en" ? "en" : "ar";
const outDir = process.argv[3] ?? "/tmp";
const ops = TEXT[language].operations;
const phone = process.env.ATHAR_PHONE_WIDTH
  ? { width: Number(process.env.ATHAR_PHONE_WIDTH), height: PHONE.height }
  : PHONE;
/** Typed by a coordinator (synthetic). */
const SAFETY: Record<Language, string> = {
  ar: "سقف متشقق فوق الدرج؛ الخوذ إلزامية.",
  en: "Cracked ceiling above the stairs; helmets on.",
};
const app = await startApp();
const browser = await launchBrowser();

const login = await fetch(`${app.url}/api/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "coordinator", password: DEMO_PASSWORD }),
});
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${app.url}${url}`, {
    method,
    headers: { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(400);
  const file = path.join(outDir, `athar-ops-${name}-${language}.png`);
  await page.screenshot({ path: file });
  process.stdout.write(`${file}\n`);
};

try {
  const board = await call<{ teams: { team: { id: string; callSign: string } }[] }>(
    "GET",
    `/api/sites/${app.siteId}/ops/board`,
  );
  const teamId = (callSign: string) => board.teams.find((t) => t.team.callSign === callSign)?.team.id ?? null;
  const outline = await call<{ levels: { id: string; ordinal: number }[] }>(
    "GET",
    `/api/sites/${app.siteId}`,
  );
  const level = outline.levels.find((l) => l.ordinal === -1) ?? outline.levels[0];
  const plan = await call<{ spaces: { id: string; kind: string }[] }>("GET", `/api/levels/${level?.id}/plan`);
  const cells = plan.spaces.filter((s) => s.kind === "cell").map((s) => s.id);
  const assign = (
    team: string | null,
    methodId: string,
    segmentIds: (string | undefined)[],
    minutes: number,
    extra = {},
  ) =>
    call<{ id: string }>("POST", `/api/sites/${app.siteId}/assignments`, {
      teamId: team,
      methodId,
      segmentIds,
      plannedMinutes: minutes,
      assign: team !== null,
      ...extra,
    });
  const k9 = teamId("K9-1");
  const first = await assign(k9, "canine", [cells[0]], 20, {
    safetyNotes: SAFETY[language],
  });
  await assign(k9, "canine", [cells[1], cells[2]], 40);
  const third = await assign(k9, "canine", [cells[3]], 15);
  await assign(teamId("USAR-3"), "knock", [cells[5], cells[6]], 45);
  await assign(null, "visual", [cells[7]], 30);

  const context = await newContext(browser, { language, viewport: phone });
  const page = await context.newPage();
  await signIn(page, `${app.url}/field`, "field", language);
  const card = (id: string) => page.locator(`[data-assignment-id="${id}"]`);
  await card(first.id).waitFor();
  await page.waitForFunction("!!(navigator.serviceWorker && navigator.serviceWorker.controller)");
  await shot(page, "phone-assignment");
  await card(first.id).getByRole("button", { name: ops.outcome.people_found }).click();
  await card(first.id).locator(".report-form").scrollIntoViewIfNeeded();
  await shot(page, "phone-report-form");
  await card(first.id).getByLabel(ops.report.live).fill("2");
  await context.setOffline(true);
  await card(first.id).getByRole("button", { name: ops.report.save }).click();
  await card(third.id).getByRole("button", { name: ops.outcome.barrier_met }).click();
  await card(third.id).getByLabel(ops.report.barrier).fill("Steel door, two locks");
  await card(third.id).getByRole("button", { name: ops.report.save }).click();
  await call("POST", `/api/assignments/${third.id}/abort`, { reason: "Wall unsafe" });
  await page.evaluate("window.scrollTo(0, 0)");
  await shot(page, "phone-offline-waiting");
  await context.setOffline(false);
  await page.locator('[data-outbox-count="0"]').waitFor({ timeout: 20_000 });
  await page.evaluate("window.scrollTo(0, 0)");
  await shot(page, "phone-conflict");
  await page.locator(".answered").scrollIntoViewIfNeeded();
  await shot(page, "phone-markings");

  for (const [name, viewport] of [
    ["board-laptop", LAPTOP],
    ["board-phone", phone],
  ] as const) {
    const desk = await newContext(browser, { language, viewport });
    const boardPage = await desk.newPage();
    await signIn(boardPage, `${app.url}/sites/${app.siteId}/operations`, "coordinator", language);
    await boardPage.locator(".board-teams").waitFor();
    await shot(boardPage, name);
    await desk.close();
  }
} finally {
  await browser.close();
  await app.close();
}
