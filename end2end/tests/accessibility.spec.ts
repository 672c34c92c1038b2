import AxeBuilder from "@axe-core/playwright";
import { runDraw, fillPerson, linkIn, mailTo, register as registerOrganizer, expect, test, type Page, ready } from "./helpers";

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now; every violation fails. */
async function expectAccessible(page: Page, what: string) {
  await ready(page);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const report = violations.map(
    (v) => `${what}: ${v.id} (${v.impact}) — ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(report, report.join("\n")).toEqual([]);
}

for (const [device, viewport] of [
  ["a 360 px phone", { width: 360, height: 740 }],
  ["a desktop", { width: 1280, height: 900 }],
] as const) {
  test(`every page passes the WCAG 2.1 AA checks of axe-core on ${device}`, async ({ browser, expectErrors }) => {
    // A dozen pages, each scanned by axe-core: about 30 s on a busy 2-core machine, so more than
    // the default 30 s budget.
    test.setTimeout(90_000);
    // The not-found page answers 404 and the wrong form 422, which the browser logs.
    expectErrors(/status of 404 \(Not Found\)/, /status of 422 \(Unprocessable Entity\)/);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const path of ["/", "/login", "/register", "/forgot-password", "/no-such-page"]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }

    // Errors at their fields.
    await page.goto("/register");
    await ready(page);
    await page.getByLabel("First name").fill("Alli");
    await page.getByLabel("Surname").fill("Ally");
    await page.getByLabel("Email").fill(`a11y-${Date.now()}@example.org`);
    await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
    await page.getByLabel("Confirm password").fill("a different passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#field-confirm-error")).toHaveText("The two passwords do not match.");
    await expectAccessible(page, "/register with errors");

    await registerOrganizer(page);
    await expectAccessible(page, "/draws (empty)");
    await page.goto("/draws/new");
    await ready(page);
    await expectAccessible(page, "/draws/new");
    const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
    await page.getByLabel("Name of the draw").fill("Accessible party");
    const people = [
      ["Ada", "Lovelace", `a11y-ada${tag}@example.org`],
      ["Charles", "Babbage", `a11y-charles${tag}@example.org`],
      ["Mary", "Somerville", `a11y-mary${tag}@example.org`],
    ];
    for (const [i, [name, surname, email]] of people.entries()) {
      await fillPerson(page, i + 1, name, surname, email);
    }
    await page.getByRole("button", { name: "Create draw" }).click();
    await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
    await expectAccessible(page, "/draws/:id (open)");
    await page.getByRole("button", { name: "Run the draw" }).click();
    await expect(page.getByRole("dialog", { name: "Run the draw now?" })).toBeVisible();
    await expectAccessible(page, "/draws/:id (asked to confirm the run)");
    await page.getByRole("link", { name: "Not yet" }).click();
    await runDraw(page);
    await expect(page.getByRole("heading", { name: /The draw is done/ })).toBeVisible();
    await expectAccessible(page, "/draws/:id (drawn)");
    const drawPath = new URL(page.url()).pathname;
    await page.goto(`${drawPath}/details`);
    await expectAccessible(page, "/draws/:id/details");
    await page.goto(drawPath);
    await ready(page);
    const joining = page.getByRole("form", { name: "Someone is joining" });
    await joining.getByLabel("First name").fill("Zoe");
    await joining.getByLabel("Surname").fill("Late");
    await joining.getByLabel("Email").fill(people[1][2]);
    await joining.getByRole("button", { name: "Add to the draw" }).click();
    await expect(page.getByText("This email is already in the draw: each person needs their own.")).toBeVisible();
    await expectAccessible(page, "/draws/:id (a late joiner refused at a field)");
    const link = linkIn(await mailTo(`a11y-ada${tag}@example.org`), "/invite/");

    const ada = await (await browser.newContext({ viewport })).newPage();
    await ada.goto(link);
    await expectAccessible(ada, "/invite/:token");
    await ada.getByLabel("Password", { exact: true }).fill("ada's own passphrase");
    await ada.getByLabel("Confirm password").fill("ada's own passphrase");
    await ada.getByRole("button", { name: "Create my account and join" }).click();
    await expect(ada).toHaveURL(/\/draws\?welcome=1$/);
    await expectAccessible(ada, "/draws (participant)");
    await ada.getByRole("link", { name: "Reveal your match: Accessible party" }).click();
    await expect(ada.getByRole("heading", { level: 1 })).toHaveText("Accessible party");
    await expectAccessible(ada, "/draws/:id/match (hidden)");
    await ada.getByRole("button", { name: "Reveal my match" }).click();
    await ada.getByRole("button", { name: "Get gift ideas" }).click();
    await expect(ada.getByTestId("gift-ideas").getByRole("listitem").first()).toBeVisible();
    await expectAccessible(ada, "/draws/:id/match (revealed, with ideas)");
    await ada.goto("/account");
    await expectAccessible(ada, "/account");
  });
}
