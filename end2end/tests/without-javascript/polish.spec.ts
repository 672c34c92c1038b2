import { readFileSync } from "node:fs";
import path from "node:path";
import { password, uniqueEmail, expect, test } from "../helpers";

// JavaScript off (this project) and a browser that asks for Polish: the plain forms come back
// with their errors at their fields, in Polish.

/** One simple message of a language's Fluent file. */
function message(lang: "en" | "pl", key: string): string {
  const source = readFileSync(path.join(__dirname, "..", "..", "..", "locales", `${lang}.ftl`), "utf8");
  const line = source.split("\n").find((l) => l.startsWith(`${key} = `));
  if (!line) throw new Error(`no ${key} in ${lang}.ftl`);
  return line.slice(key.length + 3);
}

test.use({ locale: "pl-PL" });

test("with JavaScript off, a refused registration and a wrong password are told in Polish at their fields", async ({
  page,
}) => {
  const t = (key: string) => {
    const text = message("pl", key);
    expect(text, `${key} is Polish`).not.toBe(message("en", key));
    return text;
  };
  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await page.getByLabel(t("field-first-name")).fill("Nora");
  await page.getByLabel(t("field-surname")).fill("Bezskryptowa");
  const email = uniqueEmail("nora-pl");
  await page.getByLabel(t("field-email")).fill(email);
  await page.getByLabel(t("password-first"), { exact: true }).fill(password);
  await page.getByLabel(t("password-first-confirm")).fill("inne hasło niż tamto");
  await page.getByRole("button", { name: t("register-submit") }).click();
  await expect(page).toHaveURL(/\/register/);
  await expect(page.getByLabel(t("password-first-confirm"))).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-confirm-error")).toHaveText(t("validation-passwords-differ"));
  // The fields keep what was typed (never the passwords).
  await expect(page.getByLabel(t("field-surname"))).toHaveValue("Bezskryptowa");

  await page.goto("/login");
  await page.getByLabel(t("field-email")).fill(email);
  await page.getByLabel(t("field-password"), { exact: true }).fill("nie to hasło wcale");
  await page.getByRole("button", { name: t("login-submit") }).click();
  await expect(page.getByRole("alert")).toHaveText(t("error-invalid-credentials"));
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
});
