/**
 * Screenshots of the app in both languages at laptop and phone size, for a human to look at:
 *   node --import tsx e2e/screenshots.ts [output folder, default /tmp]
 * Needs the built web app (`npm run build`). Writes athar-<view>-<language>-<width>.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { startApp } from "./support/app";
import { LAPTOP, type Language, launchBrowser, newContext, PHONE, signIn, TEXT } from "./support/browser";

const outDir = process.argv[2] ?? "/tmp";
const app = await startApp();
const browser = await launchBrowser();
const written: string[] = [];

async function shoot(page: Page, name: string, language: Language, width: number, fullPage = false) {
  const file = path.join(outDir, `athar-${name}-${language}-${width}.png`);
  await page.waitForTimeout(150);
  await page.screenshot({ path: file, fullPage });
  written.push(file);
}

try {
  for (const language of ["ar", "en"] as Language[]) {
    const text = TEXT[language];
    for (const viewport of [LAPTOP, PHONE]) {
      const width = viewport.width;
      const context = await newContext(browser, { language, viewport });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByLabel(text.login.username).waitFor();
      await shoot(page, "login", language, width);

      await signIn(page, `${app.url}/sites/${app.siteId}`, "coordinator", language);
      await page.locator(".plan-opening").first().waitFor();
      await shoot(page, "plan", language, width, width === PHONE.width);

      // A selected door: the panel shows its barrier.
      await page.getByRole("button", { name: text.plan.zoom.in }).click();
      await page.getByRole("button", { name: text.plan.zoom.in }).click();
      await page.locator(".plan-opening").nth(5).click();
      await page.getByRole("form", { name: text.opening.title }).waitFor();
      await shoot(page, "opening", language, width, width === PHONE.width);

      // The rumoured basement: a suspected level, drawn distinctly, with the level above beneath it.
      await page.locator(".level-switcher button[data-level-ordinal='-3']").click();
      await page.getByRole("note").waitFor();
      await page.getByRole("button", { name: text.plan.zoom.fit }).click();
      await shoot(page, "basement3", language, width);
      await context.close();
    }

    const context = await newContext(browser, { language, viewport: LAPTOP });
    const page = await context.newPage();
    await signIn(page, `${app.url}/audit`, "admin", language);
    await page.locator(".audit-table tbody tr").first().waitFor();
    await shoot(page, "audit", language, LAPTOP.width);
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
}
process.stdout.write(`${written.join("\n")}\n`);
