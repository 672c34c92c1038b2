import type { Browser, Page } from "@playwright/test";
import { expect, fillPerson, linkIn, mailTo, password, ready, register, runDraw, test } from "./helpers";

// Anonymous questions: two browsers, the giver and the person they give to, hold a conversation;
// a reply arrives on the open page without a reload; the organizer's pages and answers hold none
// of it.

async function join(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(linkIn(await mailTo(email), "/invite/"));
  await ready(page);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create my account and join" }).click();
  await expect(page).toHaveURL(/\/draws\?welcome=1$/);
  return page;
}

test("a giver asks their recipient anonymously, the answer arrives without a reload, and the organizer sees none of it", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await register(page);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const people = ["Ada", "Charles", "Mary", "Grace"].map((first) => ({
    first,
    full: `${first} Tester`,
    email: `${first.toLowerCase()}q${tag}@example.org`,
  }));
  await page.goto("/draws/new");
  await ready(page);
  await page.getByLabel("Name of the draw").fill("Questions club");
  await page.getByRole("button", { name: "Add a person" }).click();
  for (const [i, p] of people.entries()) await fillPerson(page, i + 1, p.first, "Tester", p.email);
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  await runDraw(page);
  const drawPath = new URL(page.url()).pathname;

  // Ada joins and reveals her match: the section to ask them appears, named after them.
  const ada = await join(browser, people[0].email);
  await ada.goto(`${drawPath}/match`);
  await ada.reload();
  await ada.getByRole("button", { name: "Reveal my match" }).click();
  const recipientName = (await ada.getByTestId("match-name").textContent())!.trim();
  const first = recipientName.split(" ")[0];
  const recipient = people.find((p) => p.full === recipientName)!;
  const ask = ada.getByRole("region", { name: `Ask ${first} anonymously` });
  await expect(ask).toContainText("No messages yet.");
  // The recipient's mail comes later on purpose (its time must not say when Ada wrote): the
  // section tells her so, or a quiet inbox reads as "not delivered".
  await expect(ask).toContainText("is told by mail some time later rather than at once");

  // A refusal first: only spaces.
  await ask.getByLabel(`Your message to ${first}`).fill("   ");
  await ask.getByRole("button", { name: "Send anonymously" }).click();
  // (The browser's own `required` lets spaces through; the server refuses them at the field.)
  await expect(ada.getByRole("region", { name: `Ask ${first} anonymously` }).getByRole("alert")).toHaveText("Write a message first.");
  const asking = ada.getByRole("region", { name: `Ask ${first} anonymously` });
  await asking.getByLabel(`Your message to ${first}`).fill("What's your size? <b>M</b> or L?");
  await asking.getByRole("button", { name: "Send anonymously" }).click();
  await expect(ada.getByRole("region", { name: `Ask ${first} anonymously` }).getByRole("listitem")).toHaveCount(1);
  await expect(ada.getByRole("region", { name: `Ask ${first} anonymously` }).getByRole("listitem").first()).toContainText("You");

  // The recipient joins: "My draws" flags the message; their page shows it from "Your Secret Santa".
  const rec = await join(browser, recipient.email);
  await expect(rec.getByTestId("unread")).toHaveText("1 new message");
  await rec.goto(`${drawPath}/match`);
  await rec.reload();
  await ready(rec);
  const santa = rec.getByRole("region", { name: "Your Secret Santa" });
  const question = santa.getByRole("listitem").first();
  await expect(question).toContainText("Your Secret Santa");
  await expect(question).toContainText("What's your size? <b>M</b> or L?");
  expect(await rec.content()).not.toContain("Ada");

  // Ada keeps her page open; the answer shows up there without a reload, within 15 s.
  await santa.getByLabel("Your message to your Secret Santa").fill("M please, thank you!");
  await santa.getByRole("button", { name: "Send" }).click();
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("listitem")).toHaveCount(2);
  const open = ada.getByRole("region", { name: `Ask ${first} anonymously` });
  await expect(open.getByRole("listitem")).toHaveCount(2, { timeout: 15_000 });
  await expect(open.getByRole("listitem").nth(1)).toContainText(first);
  await expect(open.getByRole("listitem").nth(1)).toContainText("M please, thank you!");

  // And the other way: the recipient's page, left open, gets Ada's next question.
  await open.getByLabel(`Your message to ${first}`).fill("Any colour you dislike?");
  await open.getByRole("button", { name: "Send anonymously" }).click();
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("listitem")).toHaveCount(3, { timeout: 15_000 });

  // Writing to her Secret Santa with her own match open leaves it open (it closed again).
  await rec.getByRole("button", { name: "Reveal my match" }).click();
  await expect(rec.getByTestId("match-name")).toBeVisible();
  const thanks = rec.getByRole("region", { name: "Your Secret Santa" });
  await thanks.getByLabel("Your message to your Secret Santa").fill("Thanks again!");
  await thanks.getByRole("button", { name: "Send" }).click();
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("listitem")).toHaveCount(4);
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("status")).toBeVisible();
  await expect(rec.getByTestId("match-name")).toBeVisible();
  // A message that fills the box over ten lines is sent: a line break counts once, as the
  // counter counts it (the form sends it as two characters).
  const full = `${Array.from({ length: 10 }, () => "m".repeat(199)).join("\n")}m`;
  await rec.getByRole("region", { name: "Your Secret Santa" }).getByLabel("Your message to your Secret Santa").fill(full);
  await expect(rec.locator("#conversation-recipient-body-count")).toHaveText("2000 / 2000");
  await rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("button", { name: "Send" }).click();
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("listitem")).toHaveCount(5);
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("status")).toHaveText("Sent.");
  // An emoji is one character, as the server counts it: the box takes 2,000 with letters (the
  // browser's own limit would have stopped at 1,000 emoji and no letter); the spaces and blank
  // line around the text do not count (the server trims them).
  const gifts = `${"🎁".repeat(1000)}${"m".repeat(1000)}`;
  await rec.getByRole("region", { name: "Your Secret Santa" }).getByLabel("Your message to your Secret Santa").focus();
  await rec.keyboard.insertText(`  ${gifts}\n `);
  await expect(rec.locator("#conversation-recipient-body-count")).toHaveText("2000 / 2000");
  await rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("button", { name: "Send" }).click();
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("listitem")).toHaveCount(6);
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("listitem").last()).toContainText(gifts);
  // One more is too many: the counter and the box say so, and Send waits.
  const box = rec.getByRole("region", { name: "Your Secret Santa" }).getByLabel("Your message to your Secret Santa");
  await box.focus();
  await rec.keyboard.insertText(`${gifts}!`);
  await expect(rec.locator("#conversation-recipient-body-count")).toHaveText("2001 / 2000");
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("alert")).toHaveText(
    "A message can have at most 2000 characters (2001 now).",
  );
  await expect(rec.getByRole("region", { name: "Your Secret Santa" }).getByRole("button", { name: "Send" })).toBeDisabled();
  await box.fill("");

  // The organizer's pages and answers carry none of it.
  await page.goto(drawPath);
  await page.reload();
  await ready(page);
  const html = await page.content();
  for (const text of ["What's your size?", "M please", "Any colour"]) expect(html).not.toContain(text);
  const id = drawPath.split("/").pop()!;
  const origin = new URL(page.url()).origin;
  for (const endpoint of ["get_draw", "draw_status"]) {
    const res = await page.request.post(`/api/${endpoint}`, { headers: { Origin: origin }, form: { id } });
    const text = await res.text();
    for (const t of ["What's your size?", "M please", "Any colour"]) expect(text).not.toContain(t);
  }
  for (const as_giver of ["true", "false"]) {
    const res = await page.request.post("/api/conversation", { headers: { Origin: origin }, form: { id, as_giver } });
    expect(res.status()).toBe(404);
  }
});
