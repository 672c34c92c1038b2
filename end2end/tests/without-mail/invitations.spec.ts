import { runDraw, fillPerson, password, register as registerOrganizer, expect, test, type Page, ready } from "../helpers";

// This project's server has no mail: organizers pass each invitation link on by hand.


test("the home page says what holding a link means when the server sends no mail", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".hero__lead")).toContainText("whoever holds a link can open that person's page");
  await expect(page.locator(".hero__lead")).not.toContainText("Not even the organizer");
});

test("without mail, the organizer passes links on, is told what a link opens, and a used link says when", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await registerOrganizer(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  await page.goto("/draws/new");
  await ready(page);
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
  // Running asks first, and says what it does; "Not yet" changes nothing.
  await page.getByRole("button", { name: "Run the draw" }).click();
  const dialog = page.getByRole("dialog", { name: "Run the draw now?" });
  await expect(dialog).toContainText("It runs once and cannot be undone.");
  await expect(dialog).toContainText("you get an invitation link for each person to pass on");
  await dialog.getByRole("link", { name: "Not yet" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Run the draw" })).toBeVisible();
  await runDraw(page);
  await expect(page.getByRole("heading", { name: "The draw is done — pass on the invitations" })).toBeVisible();
  await expect(page.getByText("Your draw has been created.")).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "Whoever holds a person's link can open that person's page" })).toBeVisible();

  // Each link is shown whole next to its person, even at 360 px, and copies with one click.
  const status = page.getByRole("region", { name: "Who has joined" });
  const row = (name: string) => status.getByRole("listitem").filter({ hasText: name });
  const linkOf = async (name: string) => ((await row(name).getByTestId("invitation-link").textContent()) ?? "").trim();
  const adaLink = row("Ada Lovelace").getByTestId("invitation-link");
  const link = await linkOf("Ada Lovelace");
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);
  expect(await adaLink.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  const box = await adaLink.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await row("Ada Lovelace").getByRole("button", { name: "Copy the link for Ada Lovelace" }).click();
  await expect(row("Ada Lovelace").getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // New links for two people: both stay in view, and a replaced link is gone from the page.
  const oldCharles = await linkOf("Charles Babbage");
  await status.getByRole("button", { name: "New link for Charles Babbage" }).click();
  await expect.poll(() => linkOf("Charles Babbage")).not.toBe(oldCharles);
  await expect(status.getByText("A new link for Charles is below, next to their name. The earlier link no longer works.")).toBeVisible();
  const newCharles = await linkOf("Charles Babbage");
  await status.getByRole("button", { name: "New link for Mary Somerville" }).click();
  await expect.poll(() => linkOf("Mary Somerville")).toMatch(/\/invite\/[0-9a-f]{64}$/);
  expect(await linkOf("Charles Babbage")).toBe(newCharles);
  await expect(page.getByText(oldCharles)).toHaveCount(0);

  const ada = await (await browser.newContext()).newPage();
  await ada.goto(link);
  await ready(ada);
  await ada.getByLabel("Password", { exact: true }).fill(password);
  await ada.getByLabel("Confirm password").fill(password);
  await ada.getByRole("button", { name: "Create my account and join" }).click();
  await expect(ada).toHaveURL(/\/draws\?welcome=1$/);
  await expect(ada.getByRole("region", { name: "Draws you are in" })).toContainText("Book club");

  // Had the organizer used the link first, Ada would learn it here.
  const later = await (await browser.newContext()).newPage();
  await later.goto(link);
  await expect(later.getByRole("note")).toContainText("If that was not you, tell your organizer.");

  await page.reload();
  await expect(page.getByRole("note").filter({ hasText: "Whoever holds a person's link" })).toBeVisible();
  await expect(status.getByRole("listitem").filter({ hasText: "Ada Lovelace" })).toContainText("Joined");
  await expect(status.getByRole("button", { name: "New link for Ada Lovelace" })).toHaveCount(0);
  await expect(status.getByRole("button", { name: "New link for Charles Babbage" })).toBeVisible();
});

test("without mail and without JavaScript, the organizer runs the draw, sees every link once, and makes new ones", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await registerOrganizer(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const names = ["Ada", "Alan", "Grace", "Linus"];
  const res = await page.request.post("/api/save_draw", {
    headers: { Origin: new URL(page.url()).origin },
    data: {
      id: null,
      draw: {
        name: "Plain links",
        budget: "",
        currency: "EUR",
        exchange_date: "",
        message: "",
        exclusions: [],
        participants: names.map((name) => ({ name, surname: "Plain", email: `${name.toLowerCase()}${tag}@example.org`, gift_preferences: "" })),
      },
    },
  });
  expect(res.ok()).toBe(true);
  const id = (await res.json()) as string;

  await page.goto(`/draws/${id}`);
  await page.getByRole("button", { name: "Run the draw" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?confirm=run$`));
  await page.getByRole("button", { name: "Yes, run the draw" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?run=1$`));
  await expect(page.getByRole("heading", { name: "The draw is done — pass on the invitations" })).toBeVisible();
  const status = page.getByRole("region", { name: "Who has joined" });
  const linkOf = async (name: string) =>
    ((await status.getByRole("listitem").filter({ hasText: name }).getByTestId("invitation-link").textContent()) ?? "").trim();
  for (const name of names) expect(await linkOf(`${name} Plain`)).toMatch(/\/invite\/[0-9a-f]{64}$/);
  // Copying needs the script: without it the button is not offered, and the link is there to select.
  await expect(page.getByRole("button", { name: /^Copy the link/ })).toHaveCount(0);

  // A new link for Alan: his old one is gone, everyone else's stays in view.
  const [ada, alan] = [await linkOf("Ada Plain"), await linkOf("Alan Plain")];
  await status.getByRole("button", { name: "New link for Alan Plain" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?renewed=[0-9a-f-]{36}#status-title$`));
  await expect(page.getByRole("status").filter({ hasText: "A new link for Alan is below" })).toBeVisible();
  expect(await linkOf("Alan Plain")).toMatch(/\/invite\/[0-9a-f]{64}$/);
  expect(await linkOf("Alan Plain")).not.toBe(alan);
  expect(await linkOf("Ada Plain")).toBe(ada);
  await page.reload();
  expect(await linkOf("Ada Plain")).toBe(ada);

  // Shown only then: the draw's page opened again shows no link.
  await page.goto(`/draws/${id}`);
  await expect(page.getByTestId("invitation-link")).toHaveCount(0);
  await expect(page.getByText(ada)).toHaveCount(0);

  // The link shown works, without JavaScript too.
  const joiner = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await joiner.goto(ada);
  await joiner.getByLabel("Password", { exact: true }).fill(password);
  await joiner.getByLabel("Confirm password").fill(password);
  await joiner.getByRole("button", { name: "Create my account and join" }).click();
  await expect(joiner).toHaveURL(/\/draws\?welcome=1$/);
  await page.reload();
  await expect(status.getByRole("listitem").filter({ hasText: "Ada Plain" })).toContainText("Joined");
  await expect(status.getByRole("button", { name: "New link for Ada Plain" })).toHaveCount(0);
});
