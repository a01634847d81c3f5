/**
 * Screenshots of the plan view in both languages at laptop and phone size, for a human to look at:
 *   node --import tsx e2e/screenshots.ts [output folder, default /tmp]
 * Needs the built web app (`npm run build`).
 */
import path from "node:path";
import { startApp } from "./support/app";
import { LAPTOP, type Language, launchBrowser, newContext, PHONE, signIn, TEXT } from "./support/browser";

const outDir = process.argv[2] ?? "/tmp";
const app = await startApp();
const browser = await launchBrowser();
const written: string[] = [];
try {
  for (const language of ["ar", "en"] as Language[]) {
    for (const [sizeName, viewport] of [
      ["1280", LAPTOP],
      ["390", PHONE],
    ] as const) {
      const context = await newContext(browser, { language, viewport });
      const page = await context.newPage();
      await signIn(page, `${app.url}/sites/${app.siteId}`, "coordinator", language);
      await page.locator(".plan-opening").first().waitFor();
      const file = path.join(outDir, `athar-plan-${language}-${sizeName}.png`);
      await page.screenshot({ path: file, fullPage: sizeName === "390" });
      written.push(file);

      // The rumoured basement: a suspected level, drawn distinctly.
      await page.locator(".level-switcher button[data-level-ordinal='-3']").click();
      await page.getByRole("note").filter({ hasText: TEXT[language].plan.levelBanner.suspected }).waitFor();
      await page.waitForTimeout(200);
      const basement = path.join(outDir, `athar-plan-basement3-${language}-${sizeName}.png`);
      await page.screenshot({ path: basement, fullPage: false });
      written.push(basement);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await app.close();
}
process.stdout.write(`${written.join("\n")}\n`);
