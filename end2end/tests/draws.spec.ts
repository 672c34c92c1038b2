import { fillPerson, register as registerOrganizer, expect, test, ready, startDraw } from "./helpers";

/** Three people for a draw that needs nothing more of them. */
const readers: [string, string, string][] = [
  ["Ann", "Reader", "ann@example.org"],
  ["Bob", "Reader", "bob@example.org"],
  ["Cy", "Reader", "cy@example.org"],
];

test("an organizer creates a draw with one exclusion, is stopped by rules that block or force the draw, and finds it on the dashboard", async ({
  page,
}) => {
  await registerOrganizer(page);
  await expect(page.getByRole("heading", { name: "No draws yet" })).toBeVisible();
  await page.getByRole("link", { name: "Create your first draw" }).click();
  await expect(page).toHaveURL(/\/draws\/new$/);
  await ready(page);

  await page.getByLabel("Name of the draw").fill("Family Christmas");
  await page.getByLabel("Budget (optional)").fill("30");
  await fillPerson(page, 1, "Ada", "Lovelace", "ada@example.org");
  await fillPerson(page, 2, "Charles", "Babbage", "charles@example.org");
  await fillPerson(page, 3, "Mary", "Somerville", "mary@example.org");
  const wishes = page.getByRole("group", { name: "Person 1", exact: true }).getByLabel("Gift preferences");
  await wishes.fill("Books about engines");
  await expect(page.getByText("19 / 10000")).toBeVisible();
  // Too long is said at the field as it happens, before anything is saved or checked, and
  // unsaid as soon as the text fits again.
  const tooLong = "Gift preferences can have at most 10000 characters (10001 now).";
  await wishes.fill("x".repeat(10_001));
  await expect(page.locator("#p-0-prefs-error")).toHaveText(tooLong);
  await expect(wishes).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Backspace");
  await expect(page.getByText("10000 / 10000")).toBeVisible();
  await expect(page.locator("#p-0-prefs-error")).toHaveText("");
  await expect(wishes).not.toHaveAttribute("aria-invalid", "true");
  await wishes.fill("Books about engines");
  // The message to participants counts an emoji as one character, as the server does (the
  // browser's own limit would stop at 1,000 emoji), and says at once when it is too long.
  const message = page.getByLabel("Message to participants (optional)");
  await message.focus();
  await page.keyboard.insertText(`${"🎄".repeat(1_000)}${"x".repeat(1_000)}`);
  await expect(page.locator("#draw-message-count")).toHaveText("2000 / 2000");
  await expect(message).not.toHaveAttribute("aria-invalid", "true");
  await page.keyboard.insertText("!");
  await expect(page.locator("#draw-message-count")).toHaveText("2001 / 2000");
  await expect(page.locator("#draw-message-error")).toHaveText("A message can have at most 2000 characters (2001 now).");
  await expect(message).toHaveAttribute("aria-invalid", "true");
  await message.fill("Bring cocoa 🎄");
  await expect(page.locator("#draw-message-error")).toHaveText("");
  await expect(message).not.toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "Add a rule" }).click();
  await expect(page.getByText("Choose who must not draw whom.")).toBeVisible();
  await page.getByLabel("Giver").selectOption({ label: "Ada Lovelace" });
  await page.getByLabel("Must not give to").selectOption({ label: "Charles Babbage" });
  // A rule is one way unless ticked, and says what it does in words.
  const both = page.getByLabel("Both ways: they will not draw each other");
  await expect(both).not.toBeChecked();
  await expect(page.getByText("Ada Lovelace will not draw Charles Babbage. Charles Babbage may still draw Ada Lovelace.")).toBeVisible();
  // One way leaves exactly one possible draw of three: whoever wrote the rule would know every pair.
  await page.getByRole("button", { name: "Create draw" }).click();
  const forced = page.getByText(/can each only ever draw one person, so whoever knows the rules knows those pairs/);
  await expect(forced).toBeVisible();
  // Both ways leaves three people no valid draw at all: said in plain words, at once.
  await both.check();
  await expect(page.getByText("Ada Lovelace will not draw Charles Babbage, and Charles Babbage will not draw Ada Lovelace.")).toBeVisible();
  const blocked = page.getByText(/Ada and Charles can only give to Mary between them/);
  await expect(blocked).toBeVisible();
  await both.uncheck();
  await expect(blocked).toBeHidden();
  await expect(forced).toBeVisible();
  await page.getByRole("button", { name: "Add a person" }).click();
  await fillPerson(page, 4, "Alan", "Turing", "alan@example.org");
  await expect(forced).toBeHidden();
  await page.getByRole("button", { name: "Create draw" }).click();

  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Family Christmas");
  await expect(page.getByText("Ada Lovelace will not draw Charles Babbage", { exact: true })).toBeVisible();
  await expect(page.getByText("Charles Babbage will not draw Ada Lovelace")).toHaveCount(0);

  await page.getByRole("link", { name: "My draws" }).click();
  const card = page.locator(".draw-card", { hasText: "Family Christmas" });
  await expect(card).toContainText("4 people");
  await expect(card).toContainText("Open");
});

test("a bad email and a 33rd person are reported at their fields and nothing is saved", async ({
  page,
}) => {
  await registerOrganizer(page);
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill("Too big");
  await fillPerson(page, 1, "Ada", "Lovelace", "ada-at-example");
  await fillPerson(page, 2, "Charles", "Babbage", "charles@example.org");
  await fillPerson(page, 3, "Mary", "Somerville", "mary@example.org");
  await page.getByRole("button", { name: "Create draw" }).click();

  const email = page.getByRole("group", { name: "Person 1", exact: true }).getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();
  await expect(page.getByText("Enter an email address like name@example.org.")).toBeVisible();

  // Fix it live, then paste 30 more people: 33 in all.
  await email.fill("ada@example.org");
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  // A wish one character too long is marked at its field like any other.
  const wishes = page.getByRole("group", { name: "Person 2", exact: true }).getByLabel("Gift preferences");
  await wishes.fill("x".repeat(10_001));
  await expect(wishes).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("10001 / 10000")).toBeVisible();
  // The counter counts as the server does: an emoji is one character, and the spaces around the
  // text do not count (the server trims them).
  await wishes.fill("");
  await wishes.focus();
  await page.keyboard.insertText(`  ${"🎁".repeat(5_000)}${"x".repeat(5_000)}\n `);
  await expect(page.getByText("10000 / 10000")).toBeVisible();
  await expect(wishes).not.toHaveAttribute("aria-invalid", "true");
  await wishes.fill("A scarf");
  await expect(wishes).not.toHaveAttribute("aria-invalid", "true");
  await page.getByText("Paste a list of people").click();
  const lines = Array.from({ length: 30 }, (_, i) => `Guest Number${i} <guest${i}@example.org>`);
  await page.getByLabel(/One person per line/).fill(lines.join("\n"));
  await page.getByRole("button", { name: "Add these people" }).click();
  await expect(page.getByText("33 of 3–32")).toBeVisible();
  await expect(page.locator("#participants-error")).toHaveText(
    "A draw can have at most 32 people; remove 1.",
  );
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page).toHaveURL(/\/draws\/new$/);
  await ready(page);

  await page.getByRole("link", { name: "My draws" }).click();
  await expect(page.getByRole("heading", { name: "No draws yet" })).toBeVisible();
});

test("an organizer edits an open draw and then deletes it", async ({ page }) => {
  await registerOrganizer(page);
  await startDraw(page, "Book club", readers);
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");

  await page.getByRole("link", { name: "Edit draw" }).click();
  await ready(page);
  await expect(page.getByLabel("Name of the draw")).toHaveValue("Book club");
  await page.getByLabel("Name of the draw").fill("Book club 2026");
  await page.getByRole("button", { name: "Add a person" }).click();
  await fillPerson(page, 4, "Dee", "Reader", "dee@example.org");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
  await ready(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book club 2026");
  await expect(page.getByRole("heading", { name: "People (4)" })).toBeVisible();

  await page.getByRole("button", { name: "Delete draw" }).click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page).toHaveURL(/\/draws$/);
  await expect(page.getByRole("heading", { name: "No draws yet" })).toBeVisible();
});

test("an organizer who takes part adds themself with one click and the form keeps working", async ({ page }) => {
  const me = await registerOrganizer(page);
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill("Team lunch");
  await fillPerson(page, 1, "Ada", "Lovelace", "ada@example.org");
  await fillPerson(page, 2, "Charles", "Babbage", "charles@example.org");
  await fillPerson(page, 3, "Mary", "Somerville", "mary@example.org");
  await page.getByRole("button", { name: "I'm taking part too" }).click();
  const mine = page.getByRole("group", { name: "Person 4", exact: true });
  // The name given at registration comes along with the address.
  await expect(mine.getByLabel("Email")).toHaveValue(me);
  await expect(mine.getByLabel("First name")).toHaveValue("Olga");
  await expect(mine.getByLabel("Surname")).toHaveValue("Organizer");
  // The button is gone with the click: focus moves to the one field left to fill.
  await expect(mine.getByLabel("Gift preferences")).toBeFocused();
  await mine.getByLabel("Gift preferences").fill("Tea");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Giver").selectOption({ label: "Ada Lovelace" });
  await page.getByLabel("Must not give to").selectOption({ label: "Olga Organizer" });
  await page.getByRole("button", { name: "Create draw" }).click();
  // Four people and that rule: if Olga drew Charles, she would know Ada gives to Mary.
  const decoded = page.getByText(/your own match would tell you whom Ada gives to/);
  await expect(decoded).toBeVisible();
  await page.getByRole("button", { name: "Add a person" }).click();
  await fillPerson(page, 5, "Alan", "Turing", "alan@example.org");
  await expect(decoded).toBeHidden();
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  await expect(page.getByRole("heading", { name: "People (5)" })).toBeVisible();
});

test("people pasted into a new draw fill its empty rows first", async ({ page }) => {
  await registerOrganizer(page);
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill("Pasted");
  await page.getByText("Paste a list of people").click();
  // As typed, as a mail program copies addresses ("; " between them, names in quotes), and
  // surname first.
  const lines = ["Ada Lovelace <ada@example.org>", '"Charles Babbage" <charles@example.org>, Mary Somerville <mary@example.org>; Grace', "Turing, Alan <alan@example.org>"];
  await page.getByLabel(/One person per line/).fill([...lines, "grace@example.org"].join("\n"));
  await page.getByRole("button", { name: "Add these people" }).click();
  await expect(page.locator("#editor-said")).toHaveText("4 people added.");
  await expect(page.getByRole("group", { name: "Person 2", exact: true }).getByLabel("First name")).toHaveValue("Charles");
  await expect(page.getByRole("group", { name: "Person 3", exact: true }).getByLabel("Surname")).toHaveValue("Somerville");
  await expect(page.getByRole("group", { name: "Person 4", exact: true }).getByLabel("First name")).toHaveValue("Alan");
  await expect(page.getByRole("group", { name: "Person 4", exact: true }).getByLabel("Surname")).toHaveValue("Turing");
  // A line with no name cannot be read: it stays in the box to be fixed, not typed again.
  await expect(page.getByText("Could not read: Grace; grace@example.org")).toBeVisible();
  await expect(page.getByLabel(/One person per line/)).toHaveValue("Grace\ngrace@example.org");
  await expect(page.getByRole("group", { name: "Person 1", exact: true }).getByLabel("First name")).toHaveValue("Ada");
  await expect(page.getByRole("group", { name: "Person 4", exact: true }).getByLabel("Email")).toHaveValue("alan@example.org");
  await expect(page.getByRole("group", { name: "Person 5", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
});

test("a pasted list longer than a draw holds is announced with its true count, in English and in Polish", async ({ page }) => {
  await registerOrganizer(page);
  await page.goto("/draws/new");
  await ready(page);
  const paste = async (n: number) => {
    await page.locator("details.paste").evaluate((d: HTMLDetailsElement) => (d.open = true));
    await page.locator("#paste-list").fill(Array.from({ length: n }, (_, i) => `Guest Number${i} <guest${n}x${i}@example.org>`).join("\n"));
    await page.locator("#add-pasted").click();
  };
  // (The words for a count used to stop at the largest draw: 40 were announced as 32.)
  await paste(40);
  await expect(page.locator("#editor-said")).toHaveText("40 people added.");
  await expect(page.getByText("40 of 3–32")).toBeVisible();
  // Polish has three forms for whole numbers: 1 osobę, 2–4 (and 22–24…) osoby, 5–21 osób.
  await page.getByRole("contentinfo").getByRole("button", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await ready(page);
  for (const [n, said] of [[22, "Dodano 22 osoby."], [1, "Dodano 1 osobę."], [12, "Dodano 12 osób."]] as const) {
    await paste(n);
    await expect(page.locator("#editor-said")).toHaveText(said);
  }
});

test("a mistake in a rule is marked and focused at the rule, and the form says where to look", async ({ page }) => {
  await registerOrganizer(page);
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill("Rules");
  await fillPerson(page, 1, "Ada", "Lovelace", "ada@example.org");
  await fillPerson(page, 2, "Charles", "Babbage", "charles@example.org");
  await fillPerson(page, 3, "Mary", "Somerville", "mary@example.org");
  await page.getByRole("button", { name: "Add a person" }).click();
  const fourth = page.getByRole("group", { name: "Person 4", exact: true });
  await expect(fourth.getByLabel("First name")).toBeFocused();
  await fillPerson(page, 4, "Alan", "Turing", "alan@example.org");
  await page.getByRole("button", { name: "Add a rule" }).click();
  const giver = page.getByLabel("Giver");
  await giver.selectOption({ label: "Ada Lovelace" });
  await page.getByLabel("Must not give to").selectOption({ label: "Ada Lovelace" });
  await expect(page.getByText("Choose two different people.").first()).toBeVisible();
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please check the rules about who must not draw whom, below.");
  await expect(giver).toHaveAttribute("aria-invalid", "true");
  await expect(giver).toBeFocused();
  await page.getByLabel("Must not give to").selectOption({ label: "Charles Babbage" });
  await expect(giver).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  await expect(page.getByText("Ada Lovelace will not draw Charles Babbage", { exact: true })).toBeVisible();
});

test("a rule made both ways comes back as one rule with both ways ticked when the draw is edited", async ({ page }) => {
  await registerOrganizer(page);
  await startDraw(page, "Both ways", [...readers, ["Dee", "Reader", "dee@example.org"]]);
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Giver").selectOption({ label: "Bob Reader" });
  await page.getByLabel("Must not give to").selectOption({ label: "Dee Reader" });
  await page.getByLabel("Both ways: they will not draw each other").check();
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");

  await page.getByRole("link", { name: "Edit draw" }).click();
  await ready(page);
  await page.reload();
  await ready(page);
  await expect(page.getByRole("button", { name: "Remove this rule" })).toHaveCount(1);
  await expect(page.getByLabel("Both ways: they will not draw each other")).toBeChecked();
  await expect(page.getByText("Bob Reader will not draw Dee Reader, and Dee Reader will not draw Bob Reader.")).toBeVisible();
  // Changing the rule changes both directions: nothing of the old one stays behind.
  await page.getByLabel("Must not give to").selectOption({ label: "Cy Reader" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
  await expect(page.getByText("Bob Reader and Cy Reader will not draw each other")).toBeVisible();
  await expect(page.getByText(/Dee Reader/).filter({ hasText: "will not draw" })).toHaveCount(0);
});

test("after a refused save the form takes focus where the mistake is said and rewrites a message only when it changes", async ({ page }) => {
  const me = await registerOrganizer(page);
  await page.goto("/draws/new");
  await ready(page);
  // "I'm taking part too" fills the first empty row, as a pasted list does.
  await page.getByRole("button", { name: "I'm taking part too" }).click();
  const first = page.getByRole("group", { name: "Person 1", exact: true });
  await expect(first.getByLabel("Email")).toHaveValue(me);
  await expect(first.getByLabel("Gift preferences")).toBeFocused();
  await expect(page.getByRole("group", { name: "Person 4", exact: true })).toHaveCount(0);
  await page.getByLabel("Name of the draw").fill("Focus");
  await fillPerson(page, 2, "Bob", "Reader", "bob@example.org");
  await fillPerson(page, 3, "Cy", "Reader", "cy@example.org");

  // Removing someone named in a rule takes the rule too, and says so.
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Giver").selectOption({ label: "Bob Reader" });
  await page.getByLabel("Must not give to").selectOption({ label: "Olga Organizer" });
  await page.getByRole("button", { name: "Remove person 2" }).click();
  await expect(page.locator("#editor-said")).toHaveText("Bob Reader removed, and the rules about them.");
  await expect(page.getByRole("button", { name: "Remove this rule" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Person 2", exact: true }).getByLabel("First name")).toBeFocused();

  // Two people: the mistake is about the people as a whole, and focus goes to where it is said.
  await page.getByRole("button", { name: "Create draw" }).click();
  const tooFew = page.locator("#participants-error");
  await expect(tooFew).toContainText("at least 3");
  await expect(tooFew).toBeFocused();
  await expect(page.getByRole("alert")).toHaveText("Please check the list of people, below.");

  await page.getByRole("button", { name: "Add a person" }).click();
  await fillPerson(page, 3, "Dee", "Reader", "dee@example.org");
  await expect(tooFew).toBeEmpty();
  const email = page.getByRole("group", { name: "Person 2", exact: true }).getByLabel("Email");
  await email.fill("not-an-address");
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();
  await expect(page.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
  const under = page.locator(`#${await email.getAttribute("id")}-error`);
  await expect(under).toHaveText("Enter an email address like name@example.org.");
  // Typing a fix slowly: the message under the field and the one above the form are written
  // once each way, not at every keystroke (a live region that is rewritten is read out again).
  await page.evaluate((id) => {
    const w = window as unknown as { rewrites: Record<string, number> };
    w.rewrites = {};
    for (const target of [id, "draw-form-message", "people-count"]) {
      w.rewrites[target] = 0;
      new MutationObserver((changes) => (w.rewrites[target] += changes.length)).observe(document.getElementById(target)!, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }
  }, `${await email.getAttribute("id")}-error`);
  await email.fill("");
  await email.pressSequentially("cy@example.org", { delay: 60 });
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  await expect(under).toBeEmpty();
  const rewrites = await page.evaluate(() => (window as unknown as { rewrites: Record<string, number> }).rewrites);
  expect(Object.values(rewrites).every((n) => n <= 2), JSON.stringify(rewrites)).toBe(true);
  // While the save is on its way nothing can be typed (it would not be saved) and the form says
  // it is busy.
  await page.route("**/api/save_draw", async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("button", { name: "Saving…" })).toBeDisabled();
  await expect(page.locator("form.draw-form")).toHaveAttribute("aria-busy", "true");
  await expect(page.locator("form.draw-form")).toHaveAttribute("inert", "");
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
});

test("a save from an older tab does not silently undo what another tab saved", async ({ page, context }) => {
  await registerOrganizer(page);
  await startDraw(page, "Two tabs", readers);
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  const edit = new URL(page.url()).pathname + "/edit";

  const older = await context.newPage();
  await older.goto(edit);
  await ready(older);
  await page.goto(edit);
  await ready(page);
  await page.getByRole("button", { name: "Add a person" }).click();
  await fillPerson(page, 4, "Dee", "Reader", "dee@example.org");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");

  await older.getByLabel("Name of the draw").fill("Renamed in the older tab");
  await older.getByRole("button", { name: "Save changes" }).click();
  const refused = older.getByRole("alert");
  await expect(refused).toContainText("changed somewhere else");
  await expect(refused).toBeFocused();
  await expect(older).toHaveURL(new RegExp(`${edit}$`));
  await older.reload();
  await ready(older);
  await expect(older.getByRole("group", { name: "Person 4", exact: true }).getByLabel("First name")).toHaveValue("Dee");
  await older.getByLabel("Name of the draw").fill("Renamed in the older tab");
  await older.getByRole("button", { name: "Save changes" }).click();
  await expect(older.getByRole("status")).toHaveText("Your changes have been saved.");
  await expect(older.getByRole("heading", { name: "People (4)" })).toBeVisible();
});
