import { expect, test, type Page } from "@playwright/test";
import { fillPerson, guard, password, register as registerOrganizer } from "../helpers";

// This project's server has no mail: organizers pass each invitation link on by hand.


test("the home page says what holding a link means when the server sends no mail", async ({ page }) => {
  guard(page);
  await page.goto("/");
  await expect(page.locator(".hero__lead")).toContainText("whoever holds a link can open that person's page");
  await expect(page.locator(".hero__lead")).not.toContainText("Not even the organizer");
});

test("without mail, the organizer passes links on, is told what a link opens, and a used link says when", async ({
  page,
  browser,
}) => {
  guard(page);
  await registerOrganizer(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  await page.goto("/draws/new");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Name of the draw").fill("Book club");
  await page.getByRole("button", { name: "Add a person" }).click();
  const people = [
    ["Ada", "Lovelace", `ada${tag}@example.org`],
    ["Charles", "Babbage", `charles${tag}@example.org`],
    ["Mary", "Somerville", `mary${tag}@example.org`],
    ["Alan", "Turing", `alan${tag}@example.org`],
  ];
  for (const [i, [name, surname, email]] of people.entries()) await fillPerson(page, i + 1, name, surname, email);
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  await page.getByRole("button", { name: "Run the draw" }).click();
  await expect(page.getByRole("heading", { name: "The draw is done — pass on the invitations" })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "Whoever holds a person's link can open that person's page" })).toBeVisible();
  const link = await page.getByLabel("Invitation link for Ada").inputValue();
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);

  const ada = guard(await (await browser.newContext()).newPage());
  await ada.goto(link);
  await expect(ada.locator("html")).toHaveAttribute("data-hydrated", "true");
  await ada.getByLabel("Password", { exact: true }).fill(password);
  await ada.getByLabel("Confirm password").fill(password);
  await ada.getByRole("button", { name: "Create my account and join" }).click();
  await expect(ada).toHaveURL(/\/draws\?welcome=1$/);
  await expect(ada.getByRole("region", { name: "Draws you are in" })).toContainText("Book club");

  // Had the organizer used the link first, Ada would learn it here.
  const later = guard(await (await browser.newContext()).newPage());
  await later.goto(link);
  await expect(later.getByRole("note")).toContainText("If that was not you, tell your organizer.");

  await page.reload();
  await expect(page.getByRole("note").filter({ hasText: "Whoever holds a person's link" })).toBeVisible();
  const status = page.getByRole("region", { name: "Who has joined" });
  await expect(status.getByRole("listitem").filter({ hasText: "Ada Lovelace" })).toContainText("Joined");
  await expect(status.getByRole("button", { name: "New link for Ada Lovelace" })).toHaveCount(0);
  await expect(status.getByRole("button", { name: "New link for Charles Babbage" })).toBeVisible();
});
