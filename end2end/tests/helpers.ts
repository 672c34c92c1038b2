import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export { expect };

export const password = "correct horse battery";

/**
 * Playwright's `test`, with every page of the test watched: any uncaught page error or console
 * error (Rust panics arrive there) fails the test, in every browser context the test opens —
 * the `page` fixture's and those from `browser.newContext()` / `browser.newPage()`. A test that
 * provokes an error on purpose declares it with `expectErrors(/…/)` (the browser logs every 4xx
 * answer as a console error, e.g. a not-found page's own 404).
 */
export const test = base.extend<{
  expectedErrors: RegExp[];
  expectErrors: (...patterns: RegExp[]) => void;
  pageErrors: void;
}>({
  expectedErrors: async ({}, use) => {
    await use([]);
  },
  expectErrors: async ({ expectedErrors }, use) => {
    await use((...patterns) => {
      expectedErrors.push(...patterns);
    });
  },
  pageErrors: [
    async ({ browser, context, expectedErrors }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on("pageerror", (err) => errors.push(`page error on ${page.url()}: ${err.message}`));
        page.on("console", (msg) => {
          if (msg.type() === "error" && !expectedErrors.some((e) => e.test(msg.text()))) {
            errors.push(`console error on ${page.url()}: ${msg.text()}`);
          }
        });
      };
      const watchContext = (c: BrowserContext) => {
        c.pages().forEach(watch);
        c.on("page", watch);
        return c;
      };
      watchContext(context);
      const newContext = browser.newContext;
      const newPage = browser.newPage;
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) =>
        watchContext(await newContext.apply(browser, args));
      browser.newPage = async (...args: Parameters<Browser["newPage"]>) => {
        const page = await newPage.apply(browser, args);
        watch(page);
        return page;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
        browser.newPage = newPage;
      }
      expect(errors, "no page errors and no console errors").toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Waits until the page can be used: loaded, which is when its few lines of inline script have
 * run (no page has an island). The draw editor is `inert` until its script has made it live: a
 * page that still shows it inert is not ready.
 */
export async function ready(page: Page) {
  await page.waitForLoadState("load");
  await expect(page.locator("form[inert]")).toHaveCount(0);
}

/** Clicks "Run the draw" and confirms in the dialog that asks first. */
export async function runDraw(page: Page) {
  await ready(page);
  await page.getByRole("button", { name: "Run the draw" }).click();
  const dialog = page.getByRole("dialog", { name: "Run the draw now?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Yes, run the draw" }).click();
  await expect(dialog).toBeHidden();
}

export function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Registers through the form and waits for the dashboard. */
export async function register(page: Page, email = uniqueEmail("org")) {
  await page.goto("/register");
  await page.getByLabel("First name").fill("Olga");
  await page.getByLabel("Surname").fill("Organizer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/draws$/);
  return email;
}

/** Fills the person group "Person n" of the draw editor. */
export async function fillPerson(page: Page, n: number, name: string, surname: string, email: string) {
  await ready(page);
  const person = page.getByRole("group", { name: `Person ${n}`, exact: true });
  await person.getByLabel("First name").fill(name);
  await person.getByLabel("Surname").fill(surname);
  await person.getByLabel("Email").fill(email);
}

/** Opens a new draw in the editor and fills its name and people (first name, surname, email),
 * adding rows past the three it starts with; saves nothing. */
export async function startDraw(page: Page, name: string, people: [string, string, string][]) {
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill(name);
  for (const [i, [first, surname, email]] of people.entries()) {
    if (i >= 3) await page.getByRole("button", { name: "Add a person" }).click();
    await fillPerson(page, i + 1, first, surname, email);
  }
}

/** The newest mail the SMTP sink received for `to`, waiting for it to arrive. */
export async function mailTo(to: string): Promise<string> {
  const { readdirSync, readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const dir = process.env.SANTA_E2E_MAIL_DIR;
  if (!dir) throw new Error("SANTA_E2E_MAIL_DIR is not set: run the tests through scripts/test");
  for (let i = 0; i < 50; i++) {
    const files = readdirSync(dir).sort().reverse();
    for (const file of files) {
      const mail = readFileSync(path.join(dir, file), "utf8");
      if (mail.includes(`To: ${to}`)) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to}`);
}

/** The first link in a mail that contains `marker` (quoted-printable soft breaks undone). */
export function linkIn(mail: string, marker: string): string {
  const text = mail.replace(/=\n/g, "").replace(/=3D/g, "=");
  const match = text.match(new RegExp(`https?://\\S*${marker}[0-9a-f]{64}`));
  if (!match) throw new Error(`no ${marker} link in the mail`);
  return match[0];
}
