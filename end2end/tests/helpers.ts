import { expect, type Page } from "@playwright/test";

export const password = "correct horse battery";

/**
 * Fails the test on any uncaught page error or console error of `page`, except console errors
 * matching `expected` — the ones a test provokes on purpose (the browser logs every 4xx answer,
 * e.g. a not-found page's own 404).
 */
export function guard(page: Page, expected: RegExp[] = []) {
  page.on("pageerror", (err) => {
    throw new Error(`page error: ${err.message}`);
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && !expected.some((e) => e.test(msg.text()))) {
      throw new Error(`console error: ${msg.text()}`);
    }
  });
  return page;
}

export function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Registers through the form and waits for the dashboard. */
export async function register(page: Page, email = uniqueEmail("org")) {
  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/draws$/);
  return email;
}

/** Fills the person group "Person n" of the draw editor. */
export async function fillPerson(page: Page, n: number, name: string, surname: string, email: string) {
  const person = page.getByRole("group", { name: `Person ${n}`, exact: true });
  await person.getByLabel("First name").fill(name);
  await person.getByLabel("Surname").fill(surname);
  await person.getByLabel("Email").fill(email);
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
