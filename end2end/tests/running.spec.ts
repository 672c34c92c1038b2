import { expect, test } from "@playwright/test";
import { fillPerson, linkIn, mailTo, register as registerOrganizer } from "./helpers";

test("the organizer runs a draw of three and a participant joins through their invitation link", async ({
  page,
  browser,
}) => {
  await registerOrganizer(page);
  await page.goto("/draws/new");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  await page.getByLabel("Name of the draw").fill("Team dinner");
  const people = [
    ["Ada", "Lovelace", `ada${tag}@example.org`],
    ["Charles", "Babbage", `charles${tag}@example.org`],
    ["Mary", "Somerville", `mary${tag}@example.org`],
  ];
  for (const [i, [name, surname, email]] of people.entries()) {
    await fillPerson(page, i + 1, name, surname, email);
  }
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");

  await expect(page.getByRole("note")).toContainText("With exactly 3 people");
  await page.getByRole("button", { name: "Run the draw" }).click();
  await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit draw" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Run the draw" })).toHaveCount(0);
  const link = await page.getByLabel("Invitation link for Ada").inputValue();
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);

  // Ada opens her link in her own browser.
  const ada = await (await browser.newContext()).newPage();
  await ada.goto(link);
  await expect(ada.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(ada.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
  await expect(ada.getByText(/invited you to the Secret Santa draw “Team dinner”/)).toBeVisible();
  await ada.getByLabel("Password", { exact: true }).fill("ada's own passphrase");
  await ada.getByLabel("Confirm password").fill("ada's own passphrase");
  await ada.getByRole("button", { name: "Set my password" }).click();
  await expect(ada).toHaveURL(/\/draws\?welcome=1$/);
  await expect(ada.getByRole("region", { name: "Draws you are in" })).toContainText("Team dinner");

  // The link works once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  // The organizer sees who has joined — never who gives to whom.
  await page.reload();
  const status = page.getByRole("region", { name: "Who has joined" });
  await expect(status.getByRole("listitem").filter({ hasText: "Ada Lovelace" })).toContainText("Account active");
  await expect(status.getByRole("listitem").filter({ hasText: "Charles Babbage" })).toContainText("not joined yet");
});

test("with mail set up, each participant gets their invitation by mail", async ({ page, browser }) => {
  await registerOrganizer(page);
  await page.goto("/draws/new");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  await page.getByLabel("Name of the draw").fill("Neighbours");
  const emails = [`n1${tag}@example.org`, `n2${tag}@example.org`, `n3${tag}@example.org`, `n4${tag}@example.org`];
  await page.getByRole("button", { name: "Add a person" }).click();
  for (const [i, email] of emails.entries()) {
    await fillPerson(page, i + 1, `Neighbour${i + 1}`, "Street", email);
  }
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  await page.getByRole("button", { name: "Run the draw" }).click();
  await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
  const status = page.getByRole("region", { name: "Who has joined" });
  await expect(status.getByRole("listitem").first()).toContainText("mail sent");

  const mail = await mailTo(emails[2]);
  expect(mail).toContain("Neighbours");
  const neighbour = await (await browser.newContext()).newPage();
  await neighbour.goto(linkIn(mail, "/invite/"));
  await expect(neighbour.getByRole("heading", { name: "Welcome, Neighbour3 Street" })).toBeVisible();
});
