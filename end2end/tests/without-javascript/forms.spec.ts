import { linkIn, mailTo, password, register, uniqueEmail, expect, test, type Page } from "../helpers";

// This project runs with JavaScript off (playwright.config.ts): every form below is a plain HTML
// form that posts to its server function and comes back with the result or with the errors at
// their fields. Only the draw editor needs JavaScript, and says so.

const tooLong = "x".repeat(10_001);

/** A draw of four made and run over HTTP as `page`'s user (the editor itself needs JavaScript). */
async function drawOfFour(page: Page, people: string[]) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post("/api/save_draw", {
    headers: { Origin: origin },
    data: {
      id: null,
      draw: {
        name: "No-script exchange",
        budget: "20",
        currency: "EUR",
        exchange_date: "",
        message: "",
        exclusions: [],
        participants: people.map((email, i) => ({
          name: ["Ada", "Alan", "Grace", "Linus"][i],
          surname: "Plain",
          email,
          gift_preferences: "Tea and books",
        })),
      },
    },
  });
  expect(res.ok()).toBe(true);
  return (await res.json()) as string;
}

test("registering and logging in work with JavaScript off, errors at their fields", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("First name").fill("Nora");
  await page.getByLabel("Surname").fill("Script");
  const refused = uniqueEmail("nora");
  await page.getByLabel("Email").fill(refused);
  await page.locator("#field-password").evaluate((el) => el.removeAttribute("minlength"));
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("other");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/register\?/);
  // What was typed comes back in its field, and never travels in the address (found from
  // outside: the history and the server's logs kept every address typed into a refused form).
  await expect(page.getByLabel("Email")).toHaveValue(refused);
  await expect(page.getByLabel("First name")).toHaveValue("Nora");
  expect(page.url()).not.toContain("nora");
  expect(page.url()).not.toContain("Nora");
  await page.reload();
  await expect(page.getByLabel("Email")).toHaveValue(refused);
  await expect(page.locator("#field-password-error")).toHaveText("Use at least 8 characters.");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-confirm-error")).toHaveText("The two passwords do not match.");

  const email = uniqueEmail("nora");
  await register(page, email);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/login?next=/account");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-email")).toHaveText(email);
});

test("a forgotten password is reset through the mailed link with JavaScript off", async ({ page }) => {
  const email = uniqueEmail("reset");
  await register(page, email);
  await page.getByRole("button", { name: "Log out" }).click();

  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.getByRole("status")).toContainText("a link to choose a new password is on its way");

  await page.goto(linkIn(await mailTo(email), "/reset/"));
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("Confirm new password").fill("a different one");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator("#field-confirm-error")).toHaveText("The two passwords do not match.");
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("Confirm new password").fill("a brand new password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/draws$/);
});

test("the draw editor says it needs JavaScript", async ({ page }) => {
  await register(page, uniqueEmail("editor"));
  await page.goto("/draws/new");
  // (A browser with scripting off shows a <noscript>'s content; Playwright's switch only stops
  // scripts from running, so the content stays text here.)
  expect(await page.locator("main noscript").textContent()).toContain("The draw editor needs JavaScript");
});

test("an organizer runs a draw and a participant joins, reveals, writes wishes and gets ideas, all with JavaScript off", async ({
  page,
  browser,
}) => {
  await register(page, uniqueEmail("org"));
  const people = [uniqueEmail("ada"), uniqueEmail("alan"), uniqueEmail("grace"), uniqueEmail("linus")];
  const id = await drawOfFour(page, people);

  await page.goto(`/draws/${id}`);
  await page.getByRole("button", { name: "Run the draw" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?confirm=run$`));
  // The confirmation is a panel in the page, not a box over the buttons below it.
  const dialog = (await page.getByRole("dialog", { name: "Run the draw now?" }).boundingBox())!;
  const below = (await page.getByRole("button", { name: "Delete draw" }).boundingBox())!;
  expect(dialog.y + dialog.height, "the confirmation ends above the buttons after it").toBeLessThanOrEqual(below.y);
  await page.getByRole("button", { name: "Yes, run the draw" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?run=1$`));
  await expect(page.getByRole("heading", { name: /invitations are on their way/ })).toBeVisible();
  await expect(page.getByText("Drawn", { exact: true })).toBeVisible();

  const ada = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await ada.goto(linkIn(await mailTo(people[0]), "/invite/"));
  await ada.getByLabel("Password", { exact: true }).fill(password);
  await ada.getByLabel("Confirm password").fill("not the same");
  await ada.getByRole("button", { name: "Create my account and join" }).click();
  await expect(ada.locator("#field-confirm-error")).toHaveText("The two passwords do not match.");
  await ada.getByLabel("Password", { exact: true }).fill(password);
  await ada.getByLabel("Confirm password").fill(password);
  await ada.getByRole("button", { name: "Create my account and join" }).click();
  await expect(ada).toHaveURL(/\/draws\?welcome=1$/);

  await ada.goto(`/draws/${id}/match`);
  await ada.getByRole("button", { name: "Reveal my match" }).click();
  await expect(ada.getByTestId("match-name")).toHaveText(/ Plain$/);
  await expect(ada.getByTestId("match-wishes")).toHaveText("Tea and books");

  await ada.getByRole("button", { name: "Get gift ideas" }).click();
  await expect(ada.getByTestId("gift-ideas").getByRole("listitem").first()).toBeVisible();
  await expect(ada.getByTestId("match-name")).toBeVisible();

  // The box has no browser limit (which counts an emoji twice and cut a pasted text short
  // without a word): a text too long is refused by the server, said at the field, and comes back.
  await expect(ada.locator("#field-gift_preferences")).not.toHaveAttribute("maxlength");
  await ada.getByLabel("What would you like?").fill(tooLong);
  await ada.getByRole("button", { name: "Save my wishes" }).click();
  await expect(ada.locator("#field-gift_preferences-error")).toContainText("at most 10000 characters");
  await expect(ada.getByLabel("What would you like?")).toHaveValue(tooLong);
  await ada.getByLabel("What would you like?").fill("Warm socks");
  await ada.getByRole("button", { name: "Save my wishes" }).click();
  await expect(ada.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(ada.getByLabel("What would you like?")).toHaveValue("Warm socks");
});

test("after the draw, the organizer edits the details, removes a person and adds a late joiner with JavaScript off", async ({
  page,
}) => {
  await register(page, uniqueEmail("org"));
  const people = [uniqueEmail("ada"), uniqueEmail("alan"), uniqueEmail("grace"), uniqueEmail("linus")];
  const id = await drawOfFour(page, people);
  await page.goto(`/draws/${id}?confirm=run`);
  await page.getByRole("button", { name: "Yes, run the draw" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?run=1$`));

  // Details: a refusal at its field, with what was typed kept; then saved.
  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel("Name of the draw").fill("Renamed exchange");
  await page.getByLabel("Budget (optional)").fill("lots");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.locator("#field-budget-error")).toHaveText("Enter an amount like 25 or 25.50.");
  await expect(page.getByLabel("Name of the draw")).toHaveValue("Renamed exchange");
  await page.getByLabel("Budget (optional)").fill("30");
  await page.getByLabel("Exchange date (optional)").fill("2036-12-18");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?changed=details$`));
  await expect(page.getByRole("heading", { name: "Renamed exchange", level: 1 })).toBeVisible();

  // Someone leaves: chosen, confirmed on a page of its own, gone.
  await page.getByLabel("Who is leaving?").selectOption({ label: "Alan Plain" });
  await page.getByRole("button", { name: "Remove…" }).click();
  await expect(page).toHaveURL(/\?remove=/);
  await page.getByRole("button", { name: "Yes, remove Alan Plain" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?changed=removed$`));
  await expect(page.getByRole("status").first()).toContainText("They are no longer in this draw.");
  await expect(page.getByRole("heading", { name: "People (3)" })).toBeVisible();
  // Now three remain, and nobody can leave.
  await expect(page.getByText("A draw needs at least 3 people, so nobody can leave this one.")).toBeVisible();

  // Someone joins: refused at the field first (an address already in the draw), then added.
  const joining = page.getByRole("form", { name: "Someone is joining" });
  await joining.getByLabel("First name").fill("Zoe");
  await joining.getByLabel("Surname").fill("Late");
  await joining.getByLabel("Email").fill(people[0]);
  await joining.getByRole("button", { name: "Add to the draw" }).click();
  await expect(page.locator("#field-email-error")).toHaveText("This email is already in the draw: each person needs their own.");
  await expect(page.getByRole("form", { name: "Someone is joining" }).getByLabel("First name")).toHaveValue("Zoe");
  await page.getByRole("form", { name: "Someone is joining" }).getByLabel("Email").fill(uniqueEmail("zoe"));
  await page.getByRole("form", { name: "Someone is joining" }).getByRole("button", { name: "Add to the draw" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?changed=added$`));
  await expect(page.getByRole("heading", { name: "People (4)" })).toBeVisible();
});

test("a giver and their recipient write to each other with JavaScript off, errors at the field", async ({ page, browser }) => {
  await register(page, uniqueEmail("org"));
  const people = [uniqueEmail("ada"), uniqueEmail("alan"), uniqueEmail("grace"), uniqueEmail("linus")];
  const names = ["Ada", "Alan", "Grace", "Linus"];
  const id = await drawOfFour(page, people);
  await page.goto(`/draws/${id}?confirm=run`);
  await page.getByRole("button", { name: "Yes, run the draw" }).click();
  await expect(page).toHaveURL(new RegExp(`/draws/${id}\\?run=1$`));

  const join = async (email: string) => {
    const p = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await p.goto(linkIn(await mailTo(email), "/invite/"));
    await p.getByLabel("Password", { exact: true }).fill(password);
    await p.getByLabel("Confirm password").fill(password);
    await p.getByRole("button", { name: "Create my account and join" }).click();
    await expect(p).toHaveURL(/\/draws\?welcome=1$/);
    return p;
  };
  const ada = await join(people[0]);
  await ada.goto(`/draws/${id}/match`);
  await ada.getByRole("button", { name: "Reveal my match" }).click();
  const first = (await ada.getByTestId("match-name").textContent())!.trim().split(" ")[0];
  const ask = () => ada.getByRole("region", { name: `Ask ${first} anonymously` });
  await ask().getByLabel(`Your message to ${first}`).fill(" ");
  await ask().getByRole("button", { name: "Send anonymously" }).click();
  await expect(ask().getByRole("alert")).toHaveText("Write a message first.");
  await ask().getByLabel(`Your message to ${first}`).fill("Tea or coffee?");
  await ask().getByRole("button", { name: "Send anonymously" }).click();
  await expect(ask().getByRole("status")).toHaveText("Sent.");
  await expect(ask().getByRole("listitem")).toHaveCount(1);

  const them = await join(people[names.indexOf(first)]);
  await expect(them.getByTestId("unread")).toHaveText("1 new message");
  await them.goto(`/draws/${id}/match`);
  const santa = () => them.getByRole("region", { name: "Your Secret Santa" });
  await expect(santa().getByRole("listitem").first()).toContainText("Tea or coffee?");
  await santa().getByLabel("Your message to your Secret Santa").fill("Tea, please");
  await santa().getByRole("button", { name: "Send" }).click();
  await expect(santa().getByRole("status")).toHaveText("Sent.");
  await ada.reload();
  await expect(ask().getByRole("listitem").nth(1)).toContainText("Tea, please");
  // A pasted message of 1,500 emoji fits (2,000 characters) and is sent whole: the box has no
  // browser limit, which counts an emoji twice and cut it to 1,000 without a word.
  const gifts = `${"🎁".repeat(1_500)} END`;
  await santa().getByLabel("Your message to your Secret Santa").fill(gifts);
  await santa().getByRole("button", { name: "Send" }).click();
  await expect(santa().getByRole("status")).toHaveText("Sent.");
  await expect(santa().getByRole("listitem").last()).toHaveText(new RegExp(`${gifts}$`));
});
