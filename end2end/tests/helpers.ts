import { expect, type Page } from "@playwright/test";

export const password = "correct horse battery";

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
