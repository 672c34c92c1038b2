import { runDraw, fillPerson, linkIn, mailTo, register as registerOrganizer, expect, test, type Page, ready } from "./helpers";

/** The organizer creates and runs a draw of three with wishes; returns Ada's invitation link. */
async function runDrawOfThree(page: Page, tag: string) {
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill("Lab party");
  await page.getByLabel("Budget").fill("25");
  const people = [
    ["Ada", "Lovelace", `ada${tag}@example.org`, "Poetry and mathematics books"],
    ["Charles", "Babbage", `charles${tag}@example.org`, "Brass gears, steam engines"],
    ["Mary", "Somerville", `mary${tag}@example.org`, "Star charts, telescopes"],
  ];
  for (const [i, [name, surname, email, wishes]] of people.entries()) {
    await fillPerson(page, i + 1, name, surname, email);
    await page.getByRole("group", { name: `Person ${i + 1}`, exact: true }).getByLabel("Gift preferences").fill(wishes);
  }
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  await runDraw(page);
  await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
  return linkIn(await mailTo(`ada${tag}@example.org`), "/invite/");
}

test("a participant on a phone reveals their match, edits their wish letter and gets gift ideas that stay cached", async ({
  page,
  browser,
}) => {
  await registerOrganizer(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const link = await runDrawOfThree(page, tag);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const ada = await phone.newPage();
  await ada.goto(link);
  await ready(ada);
  await ada.getByLabel("Password", { exact: true }).fill("ada's own passphrase");
  await ada.getByLabel("Confirm password").fill("ada's own passphrase");
  await ada.getByRole("button", { name: "Create my account and join" }).click();

  // She lands on her page, where the draw she is in waits for her.
  await expect(ada).toHaveURL(/\/draws\?welcome=1$/);
  const joined = ada.getByRole("region", { name: "Draws you are in" });
  await expect(joined.getByRole("listitem")).toContainText("Your match is waiting");
  const wasm: string[] = [];
  ada.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(r.url());
  });
  await joined.getByRole("link", { name: "Reveal your match: Lab party" }).click();
  await expect(ada.getByRole("heading", { level: 1 })).toHaveText("Lab party");
  await ready(ada);
  await expect(ada.getByText("€25.00")).toBeVisible();

  // Hidden until she asks.
  await expect(ada.getByTestId("match-name")).toHaveCount(0);
  await ada.getByRole("button", { name: "Reveal my match" }).click();
  const name = ada.getByTestId("match-name");
  await expect(name).toHaveText(/^(Charles Babbage|Mary Somerville)$/);
  await expect(ada.getByRole("heading", { name: "You give a gift to" })).toBeFocused();
  const recipient = (await name.textContent()) ?? "";
  const wishes = recipient.startsWith("Charles") ? "Brass gears, steam engines" : "Star charts, telescopes";
  await expect(ada.getByTestId("match-wishes")).toHaveText(wishes);

  // Her own wish letter, with a live counter; "Saved" stays until the text changes again.
  const letter = ada.getByLabel("What would you like?");
  await expect(letter).toHaveValue("Poetry and mathematics books");
  await letter.fill("A fountain pen");
  await expect(ada.getByText("14 / 10000")).toBeVisible();
  await ada.getByRole("button", { name: "Save my wishes" }).click();
  const saved = ada.getByText("Saved. Your Secret Santa sees your new wishes.");
  await expect(saved).toBeVisible();
  await ada.getByLabel("What would you like?").fill("A fountain pen, blue");
  await expect(saved).toBeHidden();
  await expect(ada.getByText("20 / 10000")).toBeVisible();
  await ada.getByLabel("What would you like?").fill("A fountain pen");
  await expect(saved).toBeVisible();

  // The participant's page is plain HTML and a few lines of script: no wasm at all, even after
  // revealing, typing and saving.
  expect(wasm, "no wasm on the participant's page").toEqual([]);

  // Gift ideas from the built-in offline provider, labelled as such.
  await ada.getByRole("button", { name: "Get gift ideas" }).click();
  const ideas = ada.getByTestId("gift-ideas").getByRole("listitem");
  await expect(ideas.first()).toBeVisible();
  expect(await ideas.count()).toBeGreaterThanOrEqual(3);
  await expect(ada.getByText(/AI suggestions are not switched on for this site/)).toBeVisible();
  const firstIdea = await ideas.first().getByRole("heading").textContent();
  expect(firstIdea).toBe(wishes.split(",")[0]);
  await expect(ada.getByRole("button", { name: "Refresh ideas" })).toBeVisible();

  // The page fits the phone: nothing wider than the screen.
  const overflow = await ada.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const tooWide = await ada.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName}.${e.className}: ${(e.textContent ?? "").slice(0, 40)}`),
  );
  expect(overflow, tooWide.join("\n")).toBeLessThanOrEqual(0);

  // Opened again later, the match is hidden again and everything is still there: the wishes
  // saved, the ideas from the cache.
  await ada.goto(new URL(ada.url()).pathname);
  await ready(ada);
  await expect(ada.getByTestId("match-name")).toHaveCount(0);
  await expect(ada.getByLabel("What would you like?")).toHaveValue("A fountain pen");
  await ada.getByRole("button", { name: "Show my match again" }).click();
  await expect(ada.getByTestId("match-name")).toHaveText(recipient);
  await expect(ada.getByTestId("gift-ideas").getByRole("listitem").first().getByRole("heading")).toHaveText(firstIdea ?? "");
  await expect(ada.getByRole("button", { name: "Refresh ideas" })).toBeVisible();

  // The organizer sees that Ada opened her match (the list never says whom she gives to).
  await page.reload();
  const status = page.getByRole("region", { name: "Who has joined" });
  await expect(status.getByRole("listitem").filter({ hasText: "Ada Lovelace" })).toContainText("match opened");
});
