import AxeBuilder from "@axe-core/playwright";
import {
  linkIn,
  mailTo,
  password,
  register as registerOrganizer,
  runDraw,
  startDraw,
  uniqueEmail,
  expect,
  test,
  type Page,
  ready,
} from "./helpers";

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now; every violation fails. */
async function expectAccessible(page: Page, what: string) {
  await ready(page);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const report = violations.map(
    (v) => `${what}: ${v.id} (${v.impact}) — ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(report, report.join("\n")).toEqual([]);
}

/** Plain text of a raw mail from the sink: RFC 2047 encoded words (a run of them is one byte
 * string: a letter may be split between two) and a quoted-printable or base64 body decoded. */
function decodeMail(raw: string): string {
  const text = raw.replace(/\r\n/g, "\n");
  const split = text.indexOf("\n\n");
  const head = text.slice(0, split).replace(/\n[ \t]+/g, " ");
  const body = text.slice(split + 2);
  const qp = (s: string) => {
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === "=" && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(s.charCodeAt(i));
    }
    return Buffer.from(bytes);
  };
  const headers = head.replace(/(=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
    const parts = [...run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].map(([, kind, word]) =>
      kind.toLowerCase() === "b" ? Buffer.from(word, "base64") : qp(word.replace(/_/g, " ")),
    );
    return Buffer.concat(parts).toString("utf8") + (/\s$/.test(run) ? " " : "");
  });
  const decoded = /Content-Transfer-Encoding: base64/i.test(head)
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : /Content-Transfer-Encoding: quoted-printable/i.test(head)
      ? qp(body.replace(/=\n/g, "")).toString("utf8")
      : body;
  return `${headers}\n\n${decoded}`;
}

/** Switches with the footer's buttons and checks the page came back, in the other language. */
async function roundTrip(page: Page, path: string) {
  await page.goto(path);
  await ready(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const url = page.url();
  await page.getByRole("contentinfo").getByRole("button", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  expect(page.url(), `${path} comes back to itself`).toBe(url);
  await expect(page.getByRole("contentinfo").getByRole("button", { name: "Polski" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await page.getByRole("contentinfo").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(page.url()).toBe(url);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
}

test("the language switcher round-trips on every page, for a visitor and for an organizer", async ({ page, expectErrors }) => {
  // Fourteen pages, each loaded four times: more than the default budget on a busy machine.
  test.setTimeout(240_000);
  expectErrors(/status of 404 \(Not Found\)/);
  for (const path of ["/", "/login", "/register", "/forgot-password", `/reset/${"0".repeat(64)}`, `/invite/${"0".repeat(64)}`, "/no-such-page"]) {
    await roundTrip(page, path);
  }
  // The menu offers the other language too (on a phone the footer is far below).
  await page.goto("/login");
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("navigation").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await registerOrganizer(page);
  for (const path of ["/draws", "/account", "/draws/new"]) await roundTrip(page, path);
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  await startDraw(
    page,
    "Switching",
    ["Ada", "Alan", "Grace", "Linus"].map((name) => [name, "Tester", `${name.toLowerCase()}${tag}@example.org`]),
  );
  await page.getByRole("button", { name: "Create draw" }).click();
  await expect(page.getByRole("status")).toHaveText("Your draw has been created.");
  const draw = new URL(page.url()).pathname;
  for (const path of [draw, `${draw}/edit`, `${draw}?confirm=delete`]) await roundTrip(page, path);
  await page.goto(draw);
  await runDraw(page);
  for (const path of [draw, `${draw}/details`]) await roundTrip(page, path);
  const ada = await page.context().browser()!.newContext();
  const adaPage = await ada.newPage();
  await adaPage.goto(linkIn(await mailTo(`ada${tag}@example.org`), "/invite/"));
  await ready(adaPage);
  await adaPage.getByLabel("Password", { exact: true }).fill(password);
  await adaPage.getByLabel("Confirm password").fill(password);
  await adaPage.getByRole("button", { name: "Create my account and join" }).click();
  await expect(adaPage).toHaveURL(/\/draws\?welcome=1$/);
  await roundTrip(adaPage, `${draw}/match`);
  await ada.close();
});

/** The simple messages (no selectors) of a language's Fluent file, so that this test follows the
 * translation's wording and still proves the page speaks it. */
async function messages(lang: "en" | "pl"): Promise<(key: string, args?: Record<string, string>) => string> {
  const { readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const source = readFileSync(path.join(__dirname, "..", "..", "locales", `${lang}.ftl`), "utf8");
  // A message is its first line and its indented continuation lines (joined by line breaks).
  const found = new Map<string, string>();
  let key: string | null = null;
  let lines: string[] = [];
  const close = () => {
    const text = lines.join("\n").trim();
    if (key && !text.includes("->")) found.set(key, text);
    key = null;
    lines = [];
  };
  for (const line of source.split("\n")) {
    const m = line.match(/^([a-z0-9-]+) =(.*)$/);
    if (m) {
      close();
      key = m[1];
      lines = [m[2].trim()];
    } else if (key && /^\s+\S/.test(line)) {
      lines.push(line.trim());
    } else {
      close();
    }
  }
  close();
  return (key, args = {}) => {
    const text = found.get(key);
    if (text === undefined) throw new Error(`no simple message ${key} in ${lang}.ftl`);
    return text.replace(/\{ \$([a-z_]+) \}/g, (_, name: string) => args[name] ?? `{${name}}`);
  };
}

test("a Polish organizer and a Polish participant go through the whole journey without meeting English", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const pl = await messages("pl");
  const en = await messages("en");
  // Every text this test reads must differ from the English, or it would prove nothing.
  const t = (key: string, args?: Record<string, string>) => {
    const text = pl(key, args);
    expect(text, `${key} is Polish`).not.toBe(en(key, args));
    return text;
  };
  const context = await browser.newContext({ locale: "pl-PL" });
  const page = await context.newPage();

  // Register, with one mistake first: the error is at its field, in Polish.
  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expectAccessible(page, "register");
  await page.getByLabel(t("field-first-name")).fill("Ola");
  await page.getByLabel(t("field-surname")).fill("Nowak");
  await page.getByLabel(t("field-email")).fill(uniqueEmail("ola"));
  await page.getByLabel(t("password-first"), { exact: true }).fill(password);
  await page.getByLabel(t("password-first-confirm")).fill("zupełnie inne hasło");
  await page.getByRole("button", { name: t("register-submit") }).click();
  const confirm = page.getByLabel(t("password-first-confirm"));
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-confirm-error")).toHaveText(t("validation-passwords-differ"));
  await expectAccessible(page, "register, refused");
  await page.getByLabel(t("password-first"), { exact: true }).fill(password);
  await confirm.fill(password);
  await page.getByRole("button", { name: t("register-submit") }).click();
  await expect(page).toHaveURL(/\/draws$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dash-title"));
  await expectAccessible(page, "dashboard");

  // Create a draw of three in the editor, in złoty.
  await page.getByRole("link", { name: t("dash-new") }).first().click();
  await ready(page);
  await page.getByLabel(t("field-draw-name")).fill("Wigilia w biurze");
  await page.getByLabel(t("field-budget")).fill("50");
  await page.getByLabel(t("field-currency")).selectOption("PLN");
  await page.getByLabel(t("field-exchange-date")).fill("2036-12-18");
  await expect(page.getByLabel(t("editor-language"))).toHaveValue("pl");
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const people = [
    ["Ada", "Kowalska", `ada${tag}@example.org`, "Książki o matematyce, dobra herbata"],
    ["Jan", "Wiśniewski", `jan${tag}@example.org`, "Rękawiczki, kawa"],
    ["Zofia", "Zielińska", `zofia${tag}@example.org`, "Puzzle, świece"],
  ];
  for (const [i, [name, surname, email, wishes]] of people.entries()) {
    const person = page.getByRole("group", { name: t("editor-person", { n: String(i + 1) }), exact: true });
    await person.getByLabel(t("field-first-name")).fill(name);
    await person.getByLabel(t("field-surname")).fill(surname);
    await person.getByLabel(t("field-email")).fill(email);
    await person.getByLabel(t("editor-gift-preferences")).fill(wishes);
  }
  await expectAccessible(page, "new draw");
  await page.getByRole("button", { name: t("editor-create") }).click();
  await expect(page.getByRole("status")).toHaveText(t("draw-created-notice"));
  await expect(page.getByText("50,00\u00a0zł")).toBeVisible();
  await expect(page.getByText("18 grudnia 2036")).toBeVisible();
  await expectAccessible(page, "draw page");

  // Run it.
  await page.getByRole("button", { name: t("run-button") }).click();
  const dialog = page.getByRole("dialog", { name: t("run-confirm-title") });
  await dialog.getByRole("button", { name: t("run-yes") }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: t("invitations-mailed-title") })).toBeVisible();
  await expectAccessible(page, "draw page, drawn");

  // Ada's invitation, read back from the SMTP sink, is in Polish.
  const raw = await mailTo(`ada${tag}@example.org`);
  const mail = decodeMail(raw);
  expect(mail).toContain(t("mail-invitation-subject", { draw: "Wigilia w biurze" }));
  expect(mail).toContain(t("mail-invitation-date", { date: "18 grudnia 2036" }));
  expect(mail).toContain(t("mail-invitation-budget", { budget: "50,00\u00a0zł" }));
  expect(mail).not.toContain(en("mail-invitation-join"));

  // Ada joins on her phone, reveals her match, writes her wishes and asks for ideas.
  const phone = await browser.newContext({ locale: "pl-PL", viewport: { width: 360, height: 740 } });
  const ada = await phone.newPage();
  await ada.goto(linkIn(raw, "/invite/"));
  await ready(ada);
  await expect(ada.locator("html")).toHaveAttribute("lang", "pl");
  await expectAccessible(ada, "invitation");
  await ada.getByLabel(t("password-first"), { exact: true }).fill("hasło ady na święta");
  await ada.getByLabel(t("password-first-confirm")).fill("hasło ady na święta");
  await ada.getByRole("button", { name: t("invite-create-and-join") }).click();
  await expect(ada).toHaveURL(/\/draws\?welcome=1$/);
  await expect(ada.getByRole("status")).toHaveText(t("dash-welcome"));
  await expectAccessible(ada, "dashboard, joined");
  await ada.getByRole("link", { name: pl("dash-action-label", { action: t("dash-reveal"), draw: "Wigilia w biurze" }) }).click();
  await ready(ada);
  await expectAccessible(ada, "participant page, hidden");
  await ada.getByRole("button", { name: t("reveal-match") }).click();
  await expect(ada.getByRole("heading", { name: t("reveal-give-to") })).toBeFocused();
  await expect(ada.getByText("50,00\u00a0zł")).toBeVisible();
  const letter = ada.getByLabel(t("reveal-wishes-label"));
  await letter.fill("Pióro wieczne");
  await ada.getByRole("button", { name: t("reveal-wishes-save") }).click();
  await expect(ada.getByText(t("reveal-wishes-saved"))).toBeVisible();
  await ada.getByRole("button", { name: t("reveal-ideas-get") }).click();
  const ideas = ada.getByTestId("gift-ideas").getByRole("listitem");
  await expect(ideas.first()).toBeVisible();
  await expect(ada.getByText(t("reveal-ideas-offline"))).toBeVisible();
  const firstIdea = (await ideas.first().textContent()) ?? "";
  expect(firstIdea, "the offline ideas are written in Polish").toMatch(/[ąćęłńóśźż]|Około|Skromn/);
  await expectAccessible(ada, "participant page, revealed");
  await phone.close();
  await context.close();
});
