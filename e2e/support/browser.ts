/** Headless Chromium through playwright-core, and the few steps every test takes. */
import { loadConfig } from "@athar/config";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { RESOURCES } from "../../packages/web/src/i18n/resources";

export const TEXT = RESOURCES;
export type Language = keyof typeof TEXT;

export const DEMO_PASSWORD = "demo";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: loadConfig().test.chromium,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser profile; `language` pre-sets the language the app remembers (otherwise Arabic, the default). */
export async function newContext(
  browser: Browser,
  options: { language?: Language; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? LAPTOP,
    deviceScaleFactor: 1,
    isMobile: options.viewport === PHONE,
    hasTouch: options.viewport === PHONE,
  });
  if (options.language) {
    // Only where nothing is remembered yet: the init script runs again on every load, and a language
    // switched during the test must survive a reload.
    const language = JSON.stringify(options.language);
    await context.addInitScript(
      `if (!window.localStorage.getItem("athar.language")) window.localStorage.setItem("athar.language", ${language});`,
    );
  }
  return context;
}

/** Signs in through the form, in whichever language the page is showing. */
export async function signIn(page: Page, url: string, username: string, language: Language): Promise<void> {
  const text = TEXT[language];
  await page.goto(url);
  await page.getByLabel(text.login.username).fill(username);
  await page.getByLabel(text.login.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: text.login.submit, exact: true }).click();
  await page.locator(".account-button").waitFor();
}
