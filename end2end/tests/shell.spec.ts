import { expect, register, test, ready } from "./helpers";

test("the home page renders on the server as plain HTML, with no wasm and no console errors", async ({
  page,
}) => {
  // Content-Security-Policy violations and failed hydration both show up as console errors.
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Secret Santa, without the spreadsheet",
  );
  await expect(page).toHaveTitle("Secret Santa");
  await ready(page);
  await expect(page.getByRole("link", { name: "Organize a draw" })).toHaveAttribute("href", "/register");
  await expect(page.locator("leptos-island")).toHaveCount(0);
  await expect(page.locator("script")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("on a 360 px phone the menu button opens and closes the navigation with no script at all", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await ready(page);
  expect(await page.locator("script").count(), "the home page sends no script").toBe(0);

  const menu = page.locator("summary.menu-toggle");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveText("Menu", { useInnerText: true });
  await expect(nav).toBeHidden();

  await menu.click();
  await expect(menu).toHaveText("Close", { useInnerText: true });
  await expect(page.locator("details.site-menu")).toHaveAttribute("open", "");
  await expect(nav).toBeVisible();
  await expect(nav.getByRole("link", { name: "How it works" })).toBeVisible();

  await menu.click();
  await expect(nav).toBeHidden();

  // Nothing overflows sideways on a narrow phone.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("on a phone every page, and the page after logging out, starts with the menu closed", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await register(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.locator("summary.menu-toggle");
  await menu.click();
  await nav.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(nav).toBeHidden();

  await page.goto("/draws");
  await menu.click();
  await expect(nav).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "New draw" }).click();
  await expect(page.getByRole("heading", { name: "New draw", level: 1 })).toBeVisible();
  await ready(page);
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(nav).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Your draws", level: 1 })).toBeVisible();
  await page.reload();
  await expect(nav).toBeHidden();

  await menu.click();
  await nav.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(menu).toBeVisible();
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(nav.getByRole("link", { name: "Log in" })).toBeVisible();
});

test("'How it works' in the menu takes you to that section from any page", async ({ page }) => {
  await page.goto("/login");
  await ready(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "How it works" }).click();
  await expect(page).toHaveURL(/\/#how-it-works$/);
  await expect(page.locator("#how-it-works")).toBeInViewport();
});

test("keyboard users can skip straight to the content", async ({ page }) => {
  await page.goto("/");
  await ready(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
});

test("an unknown address shows a friendly not-found page with status 404", async ({ page, expectErrors }) => {
  expectErrors(/status of 404 \(Not Found\)/);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("alert")).toContainText("could not find that page");
  await page.getByRole("link", { name: "Back to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("the health check reports the database as reachable", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});
