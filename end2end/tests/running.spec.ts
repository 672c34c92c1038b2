import { runDraw, fillPerson, linkIn, mailTo, password, register as registerOrganizer, expect, test, type Page, ready } from "./helpers";


async function createDraw(page: Page, name: string, people: string[][]) {
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill(name);
  for (let i = 3; i < people.length; i++) await page.getByRole("button", { name: "Add a person" }).click();
  for (const [i, [first, surname, email]] of people.entries()) {
    await fillPerson(page, i + 1, first, surname, email);
  }
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
}

test("with mail, the organizer never sees a link, each person joins from their mail, and a used link says when", async ({
  page,
  browser,
  expectErrors,
}) => {
  await registerOrganizer(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const people = [
    ["Ada", "Lovelace", `ada${tag}@example.org`],
    ["Charles", "Babbage", `charles${tag}@example.org`],
    ["Mary", "Somerville", `mary${tag}@example.org`],
  ];
  await createDraw(page, "Team dinner", people);
  await expect(page.getByRole("note")).toContainText("With exactly 3 people");
  await runDraw(page);
  await expect(page.getByRole("heading", { name: "The draw is done — the invitations are on their way" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit draw" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Run the draw" })).toHaveCount(0);
  await expect(page.locator("input.link-box")).toHaveCount(0);
  expect(await page.content()).not.toContain("/invite/");

  // Ada opens the link from her mail in her own browser and makes her account.
  const link = linkIn(await mailTo(people[0][2]), "/invite/");
  // She will open one of the organizer's pages, whose answer is a 404 on purpose.
  // The used link's page answers 404, which the browser logs.
  expectErrors(/status of 404 \(Not Found\)/);
  const ada = await (await browser.newContext()).newPage();
  await ada.goto(link);
  await ready(ada);
  await expect(ada.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
  await expect(ada.getByText(/invited you to the Secret Santa draw “Team dinner”/)).toBeVisible();
  await expect(ada.getByLabel("Email")).toHaveValue(people[0][2]);
  await ada.getByLabel("Password", { exact: true }).fill(password);
  await ada.getByLabel("Confirm password").fill(password);
  await ada.getByRole("button", { name: "Create my account and join" }).click();
  await expect(ada).toHaveURL(/\/draws\?welcome=1$/);
  await expect(ada.getByRole("region", { name: "Draws you are in" })).toContainText("Team dinner");
  // The organizer's pages of the draw are not hers: not found, and titled so.
  const drawPath = new URL(page.url()).pathname;
  await ada.goto(`${drawPath}/edit`);
  await expect(ada.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(ada).toHaveTitle("Page not found · Secret Santa");

  // Anyone who opens the link after her is told it was used, and when.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
  await expect(again.getByRole("note")).toContainText(/already used on \w+ \d+, \d{4} at \d\d:\d\d UTC\. If that was not you, tell your organizer\./);
  await again.reload();
  await expect(again.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();

  // The organizer sees who has joined — never who gives to whom — and can only mail again.
  await page.reload();
  const status = page.getByRole("region", { name: "Who has joined" });
  await expect(status.getByRole("listitem").filter({ hasText: "Ada Lovelace" })).toContainText("Joined");
  await expect(status.getByRole("button", { name: "Send again to Ada Lovelace" })).toHaveCount(0);
  await expect(status.getByRole("listitem").filter({ hasText: "Charles Babbage" })).toContainText("Invitation mailed");
});

test("a person invited to a second draw joins it with the account they are logged in with", async ({ page, browser }) => {
  await registerOrganizer(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const ada = `ada${tag}@example.org`;
  await createDraw(page, "Family", [
    ["Ada", "Lovelace", ada],
    ["Charles", "Babbage", `charles${tag}@example.org`],
    ["Mary", "Somerville", `mary${tag}@example.org`],
    ["Alan", "Turing", `alan${tag}@example.org`],
  ]);
  await runDraw(page);
  await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
  const first = linkIn(await mailTo(ada), "/invite/");
  const adaPage = await (await browser.newContext()).newPage();
  await adaPage.goto(first);
  await adaPage.getByLabel("Password", { exact: true }).fill(password);
  await adaPage.getByLabel("Confirm password").fill(password);
  await adaPage.getByRole("button", { name: "Create my account and join" }).click();
  await expect(adaPage).toHaveURL(/\/draws\?welcome=1$/);

  await createDraw(page, "Office", [
    ["Ada", "Lovelace", ada],
    ["Grace", "Hopper", `grace${tag}@example.org`],
    ["Edsger", "Dijkstra", `edsger${tag}@example.org`],
    ["Barbara", "Liskov", `barbara${tag}@example.org`],
  ]);
  await runDraw(page);
  await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
  const mails = async () => {
    for (let i = 0; i < 50; i++) {
      const link = linkIn(await mailTo(ada), "/invite/");
      if (link !== first) return link;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("no second invitation");
  };
  const second = await mails();
  await adaPage.goto(second);
  await expect(adaPage.getByText(`You are logged in as ${ada}`)).toBeVisible();
  await adaPage.reload();
  await ready(adaPage);
  await adaPage.getByRole("button", { name: "Join this draw" }).click();
  await expect(adaPage).toHaveURL(/\/draws\/[0-9a-f-]+\/match$/);
  await expect(adaPage.getByRole("heading", { level: 1 })).toHaveText("Office");
  await adaPage.goto("/draws");
  const joined = adaPage.getByRole("region", { name: "Draws you are in" });
  await expect(joined).toContainText("Family");
  await expect(joined).toContainText("Office");

  // A third invitation opened on another device, logged out: she logs in from its page.
  await createDraw(page, "Choir", [
    ["Ada", "Lovelace", ada],
    ["Clara", "Schumann", `clara${tag}@example.org`],
    ["Fanny", "Mendelssohn", `fanny${tag}@example.org`],
    ["Nadia", "Boulanger", `nadia${tag}@example.org`],
  ]);
  await runDraw(page);
  await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
  let third = second;
  for (let i = 0; i < 50 && (third === second || third === first); i++) {
    third = linkIn(await mailTo(ada), "/invite/");
    if (third === second) await new Promise((r) => setTimeout(r, 200));
  }
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto(third);
  await expect(phone.getByText(`An account already uses ${ada}`)).toBeVisible();
  await expect(phone.getByLabel("Email")).toHaveValue("");
  await phone.reload();
  await ready(phone);
  await phone.getByRole("link", { name: "Log in to join" }).click();
  await expect(phone).toHaveURL(/\/login\?next=/);
  await phone.getByLabel("Email").fill(ada);
  await phone.getByLabel("Password").fill(password);
  await phone.getByRole("button", { name: "Log in" }).click();
  await expect(phone.getByText(`You are logged in as ${ada}`)).toBeVisible();
  await phone.getByRole("button", { name: "Join this draw" }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Choir");
});

test("with mail set up, send again mails a fresh link and says so", async ({ page, expectErrors }) => {
  // The old link's page is answered 404 (the link is not there any more).
  expectErrors(/status of 404 \(Not Found\)/);
  await registerOrganizer(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const emails = [`n1${tag}@example.org`, `n2${tag}@example.org`, `n3${tag}@example.org`, `n4${tag}@example.org`];
  await createDraw(page, "Neighbours", emails.map((e, i) => [`Neighbour${i + 1}`, "Street", e]));
  await runDraw(page);
  await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
  const status = page.getByRole("region", { name: "Who has joined" });
  await expect(status.getByRole("listitem").first()).toContainText("Invitation mailed");
  const first = linkIn(await mailTo(emails[2]), "/invite/");
  await status.getByRole("button", { name: "Send again to Neighbour3 Street" }).click();
  await expect(page.getByRole("status").filter({ hasText: "mailed again" })).toBeVisible();
  let second = first;
  for (let i = 0; i < 50 && second === first; i++) {
    second = linkIn(await mailTo(emails[2]), "/invite/");
    if (second === first) await new Promise((r) => setTimeout(r, 200));
  }
  expect(second).not.toBe(first);
  await page.goto(first);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});
