/**
 * The coverage report as PDF: the same self-contained HTML, printed by a headless Chromium
 * (playwright-core, the browser configured as ATHAR_PDF_CHROMIUM). One print at a time per server, so that a
 * burst of downloads cannot start a browser per request; a missing or broken browser answers
 * `service_unavailable` (503) and the HTML report stays available.
 */
import fs from "node:fs";
import { AtharError } from "@athar/core";

let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` after every earlier print has finished. */
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

const unavailable = (why: string) =>
  new AtharError("service_unavailable", `PDF printing is not available on this server: ${why}`, [
    { path: "format", message: "pdf_unavailable" },
  ]);

export async function printPdf(
  html: string,
  chromium: string | null,
  options: { timeoutMs?: number } = {},
): Promise<Buffer> {
  if (!chromium) throw unavailable("it is switched off (ATHAR_PDF_CHROMIUM=off)");
  if (!fs.existsSync(chromium)) throw unavailable(`no browser at ${chromium} (set ATHAR_PDF_CHROMIUM)`);
  return serialised(async () => {
    let playwright: typeof import("playwright-core");
    try {
      playwright = await import("playwright-core");
    } catch {
      throw unavailable("playwright-core is not installed");
    }
    let browser: import("playwright-core").Browser;
    try {
      browser = await playwright.chromium.launch({
        executablePath: chromium,
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        timeout: options.timeoutMs ?? 30_000,
      });
    } catch (error) {
      throw unavailable(
        `the browser did not start (${error instanceof Error ? error.message.split("\n")[0] : "unknown"})`,
      );
    }
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load", timeout: options.timeoutMs ?? 30_000 });
      return await page.pdf({
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
      });
    } finally {
      await browser.close().catch(() => undefined);
    }
  });
}
