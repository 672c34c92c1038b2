import { linkIn, mailTo, password, register, uniqueEmail, expect, test, ready } from "./helpers";

test("an author registers, logs out, is sent to log in for a protected page and comes back to it", async ({
  page,
}) => {
  const email = uniqueEmail("ada");
  await register(page, email);
  await expect(page.getByRole("heading", { name: "Your draws" })).toBeVisible();
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByTestId("account-email")).toHaveText(email);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Log in", exact: true })).toBeVisible();

  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=\/account$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-email")).toHaveText(email);
});

test("a wrong password gets one generic message and the form keeps working", async ({ page, expectErrors }) => {
  expectErrors(/status of 401 \(Unauthorized\)/);
  await page.goto("/login");
  await ready(page);
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("registration errors are shown at the fields they concern", async ({ page, expectErrors }) => {
  expectErrors(/status of 422 \(Unprocessable Entity\)/);
  await page.goto("/register");
  await ready(page);
  await page.getByLabel("First name").fill("Bea");
  await page.getByLabel("Surname").fill("Baker");
  await page.getByLabel("Email").fill(uniqueEmail("bea"));
  // Bypass the browser's own minlength check to see the server's message at the field.
  await page.locator("#field-password").evaluate((el) => el.removeAttribute("minlength"));
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create account" }).click();

  const passwordInput = page.getByLabel("Password", { exact: true });
  await expect(passwordInput).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-password-error")).toHaveText("Use at least 8 characters.");
  await expect(page.locator("#field-confirm-error")).toHaveText("The two passwords do not match.");
  await expect(page).toHaveURL(/\/register(\?|$)/);
});

test("a logged-in user changes their password and stays logged in", async ({ page }) => {
  const email = uniqueEmail("cy");
  await register(page, email);
  await page.goto("/account");

  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password", { exact: true }).fill("a whole new passphrase");
  await page.getByLabel("Confirm new password").fill("a whole new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toHaveText("Your password has been changed.");

  await page.reload();
  await expect(page.getByTestId("account-email")).toHaveText(email);
});

test("after too many failed logins the page says how long to wait", async ({ page, expectErrors }) => {
  expectErrors(/status of 401 \(Unauthorized\)/, /status of 429 \(Too Many Requests\)/);
  const email = uniqueEmail("locked");
  await page.goto("/login");
  await ready(page);
  await page.getByLabel("Email").fill(email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page.getByRole("button", { name: "Log in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill("one more try");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    /Too many failed attempts\. Please wait \d+ minutes and try again\./,
  );
});

test("a forgotten password is reset by mail", async ({ page }) => {
  const email = await register(page, uniqueEmail("forgetful"));
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await ready(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for that address");

  const link = linkIn(await mailTo(email), "/reset/");
  await page.goto(link);
  await ready(page);
  await page.getByLabel("New password", { exact: true }).fill("my brand new passphrase");
  await page.getByLabel("Confirm new password").fill("my brand new passphrase");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/draws$/);

  await page.getByRole("button", { name: "Log out" }).click();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("my brand new passphrase");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/draws$/);
});
