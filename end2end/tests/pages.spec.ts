import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, linkIn, mailTo, password, test, uniqueEmail, ready } from "./helpers";

// Every page, loaded directly — a fresh `goto`, then a `reload` — in every state it can be in, at
// 360 px and at 1280 px. Each load must hydrate with no page error and no console error (the
// fixture in helpers.ts fails the test on any), and the page's main action must work after it.
// Client-side navigation hides hydration bugs: the drawn draw's page once died only when loaded
// directly, and the suite did not notice.

type Who = "anonymous" | "organizer" | "participant" | "revealed";

/** What `setUp` made for one viewport: accounts (as browser storage) and draws in each state. */
type World = {
  storage: Record<Who, Awaited<ReturnType<APIRequestContext["storageState"]>>>;
  organizerEmail: string;
  open: string;
  drawn: string;
  joined: string;
  joinedName: string;
  freshInvite: string;
  usedInvite: string;
  resetLink: string;
  notJoined: string[];
};

type Row = {
  page: string;
  state: string;
  /** The route of src/ui/mod.rs this row loads (the table must cover every route). */
  route: string;
  who: Who;
  path: (w: World) => string;
  title: string | RegExp;
  /** Console errors the page provokes on purpose (e.g. its own 404). */
  errors?: RegExp[];
  /** The page opens on a confirmation that holds the focus (a modal dialog makes the page behind
   * inert): the header is tried after `act` has answered it. */
  confirming?: boolean;
  /** The page's main action, tried after the load; `leg` is 0 after goto and 1 after reload. */
  act: (page: Page, w: World, leg: number) => Promise<void>;
};

const width = (page: Page) => page.viewportSize()?.width ?? 1280;

const notFound = /status of 404 \(Not Found\)/;

const table: Row[] = [
  {
    page: "home",
    state: "anonymous",
    route: "/",
    who: "anonymous",
    path: () => "/",
    title: /^Secret Santa$/,
    act: async (page) => {
      await page.getByRole("link", { name: "Organize a draw" }).click();
      await expect(page.getByRole("heading", { name: "Create an account", level: 1 })).toBeVisible();
    },
  },
  {
    page: "home",
    state: "logged in",
    route: "/",
    who: "organizer",
    path: () => "/",
    title: /^Secret Santa$/,
    act: async (page) => {
      await page.getByRole("link", { name: "Go to your draws" }).click();
      await expect(page.getByRole("heading", { name: "Your draws", level: 1 })).toBeVisible();
    },
  },
  {
    page: "login",
    state: "anonymous",
    route: "/login",
    who: "anonymous",
    path: () => "/login",
    title: /^Log in/,
    act: async (page, w) => {
      await page.getByLabel("Email").fill(w.organizerEmail);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page).toHaveURL(/\/draws$/);
    },
  },
  {
    page: "register",
    state: "anonymous",
    route: "/register",
    who: "anonymous",
    path: () => "/register",
    title: /^Create an account/,
    errors: [/status of 422/],
    act: async (page) => {
      await page.getByLabel("First name").fill("Nina");
      await page.getByLabel("Surname").fill("Newcomer");
      await page.getByLabel("Email").fill(uniqueEmail("nina"));
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByLabel("Confirm password").fill("something else");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByLabel("Confirm password")).toHaveAttribute("aria-invalid", "true");
    },
  },
  {
    page: "forgot password",
    state: "anonymous",
    route: "/forgot-password",
    who: "anonymous",
    path: () => "/forgot-password",
    title: /^Forgot your password/,
    act: async (page) => {
      await page.getByLabel("Email").fill(uniqueEmail("nobody"));
      await page.getByRole("button", { name: "Mail me a link" }).click();
      await expect(page.getByRole("status")).toContainText("If an account exists for that address");
    },
  },
  {
    page: "reset password",
    state: "a working link",
    route: "/reset/:token",
    who: "anonymous",
    path: (w) => w.resetLink,
    title: /^Choose a new password/,
    errors: [/status of 422/],
    act: async (page) => {
      // A mismatch is refused at its field and leaves the link working (the reload finds it).
      await page.getByLabel("New password", { exact: true }).fill(password);
      await page.getByLabel("Confirm new password").fill("something else");
      await page.getByRole("button", { name: "Set new password" }).click();
      await expect(page.getByLabel("Confirm new password")).toHaveAttribute("aria-invalid", "true");
    },
  },
  {
    page: "reset password",
    state: "a link that no longer works (unknown, used or expired)",
    route: "/reset/:token",
    who: "anonymous",
    path: () => `/reset/${"0".repeat(64)}`,
    // Said at once and answered 404, as an invitation link that does not work.
    title: /^This reset link no longer works/,
    errors: [notFound],
    act: async (page) => {
      await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
      await page.getByRole("main").getByRole("link", { name: "Ask for a new link" }).click();
      await expect(page.getByRole("heading", { name: "Forgot your password?", level: 1 })).toBeVisible();
    },
  },
  {
    page: "invitation",
    state: "fresh, nobody logged in",
    route: "/invite/:token",
    who: "anonymous",
    path: (w) => w.freshInvite,
    title: /^Your invitation/,
    errors: [/status of 422/],
    act: async (page) => {
      await expect(page.getByText(/Olga Organizer \(olga\d+@example\.org\) invited you to the Secret Santa draw/)).toBeVisible();
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByLabel("Confirm password").fill("something else");
      await page.getByRole("button", { name: /Create my account/ }).click();
      await expect(page.getByLabel("Confirm password")).toHaveAttribute("aria-invalid", "true");
    },
  },
  {
    page: "invitation",
    state: "fresh, someone logged in",
    route: "/invite/:token",
    who: "participant",
    path: (w) => w.freshInvite,
    title: /^Your invitation/,
    act: async (page) => {
      // Joining would use the link up: the button is there and live, and is not pressed.
      await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
      await expect(page.getByRole("button", { name: "Join this draw" })).toBeEnabled();
    },
  },
  {
    page: "invitation",
    state: "a link that does not work (unknown or withdrawn)",
    route: "/invite/:token",
    who: "anonymous",
    path: () => `/invite/${"0".repeat(64)}`,
    title: /^Your invitation/,
    // Answered 404, as any page that is not there.
    errors: [notFound],
    act: async (page) => {
      await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
      await page.getByRole("main").getByRole("link", { name: "log in" }).click();
      await expect(page.getByRole("heading", { name: "Log in", level: 1 })).toBeVisible();
    },
  },
  {
    page: "invitation",
    state: "used",
    route: "/invite/:token",
    who: "anonymous",
    path: (w) => w.usedInvite,
    title: /^Your invitation/,
    act: async (page) => {
      await expect(page.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
      await page.getByRole("main").getByRole("link", { name: "log in" }).click();
      await expect(page.getByRole("heading", { name: "Log in", level: 1 })).toBeVisible();
    },
  },
  {
    page: "not found",
    state: "unknown address",
    route: "fallback",
    who: "anonymous",
    path: () => "/no-such-page",
    title: /^Page not found/,
    errors: [notFound],
    act: async (page) => {
      await page.getByRole("link", { name: "Back to the home page" }).click();
      await expect(page).toHaveURL(/\/$/);
    },
  },
  {
    page: "dashboard",
    state: "organizer",
    route: "/draws",
    who: "organizer",
    path: () => "/draws",
    title: /^Your draws/,
    act: async (page) => {
      await page.getByRole("link", { name: "New draw" }).click();
      await expect(page.getByRole("heading", { name: "New draw", level: 1 })).toBeVisible();
    },
  },
  {
    page: "dashboard",
    state: "participant",
    route: "/draws",
    who: "participant",
    path: () => "/draws",
    title: /^Your draws/,
    act: async (page, w) => {
      await page.getByRole("link", { name: `Reveal your match: ${w.joinedName}` }).click();
      await expect(page.getByRole("button", { name: "Reveal my match" })).toBeVisible();
    },
  },
  {
    page: "new draw",
    state: "organizer",
    route: "/draws/new",
    who: "organizer",
    path: () => "/draws/new",
    title: /^New draw/,
    act: async (page, w) => {
      // Into the first empty row.
      await page.getByRole("button", { name: "I'm taking part too" }).click();
      const mine = page.getByRole("group", { name: "Person 1", exact: true });
      await expect(mine.getByLabel("Email")).toHaveValue(w.organizerEmail);
      await expect(mine.getByLabel("First name")).toHaveValue("Olga");
      await page.getByRole("button", { name: "Add a rule" }).click();
      await expect(page.getByText("Choose who must not draw whom.")).toBeVisible();
    },
  },
  {
    page: "draw",
    state: "open",
    route: "/draws/:id",
    who: "organizer",
    path: (w) => `/draws/${w.open}`,
    title: /^Open house/,
    act: async (page) => {
      await page.getByRole("button", { name: "Run the draw" }).click();
      const dialog = page.getByRole("dialog", { name: "Run the draw now?" });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("link", { name: "Not yet" }).click();
      await expect(dialog).toBeHidden();
    },
  },
  {
    page: "draw",
    state: "open, asked to run (?confirm=run)",
    route: "/draws/:id",
    who: "organizer",
    path: (w) => `/draws/${w.open}?confirm=run`,
    title: /^Open house/,
    confirming: true,
    act: async (page) => {
      // Opened by the address, it is modal as when asked for on the page: focus is in it, and
      // Escape closes it.
      const dialog = page.getByRole("dialog", { name: "Run the draw now?" });
      await expect(dialog).toBeVisible();
      expect(await dialog.evaluate((d) => d.matches(":modal"))).toBe(true);
      await expect(dialog.getByRole("link", { name: "Not yet" })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("button", { name: "Run the draw" })).toBeVisible();
    },
  },
  {
    page: "draw",
    state: "open, asked to delete (?confirm=delete)",
    route: "/draws/:id",
    who: "organizer",
    path: (w) => `/draws/${w.open}?confirm=delete`,
    title: /^Open house/,
    confirming: true,
    act: async (page) => {
      // Focus starts on the safe choice, so Enter twice keeps the draw; Escape keeps it too.
      const confirm = page.getByRole("alertdialog", { name: /Delete this draw/ });
      await expect(confirm).toBeVisible();
      await expect(page.getByRole("button", { name: "Delete draw" })).toBeHidden();
      await expect(confirm.getByRole("link", { name: "Keep it" })).toBeFocused();
      await confirm.getByRole("link", { name: "Keep it" }).click();
      await expect(confirm).toBeHidden();
      const deleteButton = page.getByRole("button", { name: "Delete draw" });
      await expect(deleteButton).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(confirm).toBeVisible();
      await expect(confirm.getByRole("link", { name: "Keep it" })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(confirm).toBeHidden();
      await expect(deleteButton).toBeFocused();
    },
  },
  {
    page: "edit draw",
    state: "open",
    route: "/draws/:id/edit",
    who: "organizer",
    path: (w) => `/draws/${w.open}/edit`,
    title: /^Edit draw/,
    act: async (page) => {
      await page.getByRole("button", { name: "Add a person" }).click();
      await expect(page.getByRole("group", { name: "Person 5", exact: true })).toBeVisible();
    },
  },
  {
    page: "draw",
    state: "drawn, nobody joined yet",
    route: "/draws/:id",
    who: "organizer",
    path: (w) => `/draws/${w.drawn}`,
    title: /^Drawn office/,
    act: async (page, w, leg) => {
      const status = page.getByRole("region", { name: "Who has joined" });
      await status.getByRole("button", { name: `Send again to ${w.notJoined[leg]}` }).click();
      await expect(status.getByText(`The invitation to ${w.notJoined[leg]} was mailed again with a new link`)).toBeVisible();
      if (width(page) < 600) await page.locator("summary.menu-toggle").click();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My draws" }).click();
      await expect(page.getByRole("heading", { name: "Your draws", level: 1 })).toBeVisible();
    },
  },
  {
    page: "draw",
    state: "drawn, people joined, organizer takes part",
    route: "/draws/:id",
    who: "organizer",
    path: (w) => `/draws/${w.joined}`,
    title: new RegExp(`^Joined family`),
    act: async (page) => {
      const status = page.getByRole("region", { name: "Who has joined" });
      await expect(status.getByText(/— Joined/).first()).toBeVisible();
      await page.getByRole("link", { name: "See your own match" }).click();
      await expect(page.getByRole("button", { name: /Reveal my match|Show my match again/ })).toBeVisible();
    },
  },
  {
    page: "edit draw",
    state: "drawn",
    route: "/draws/:id/edit",
    who: "organizer",
    path: (w) => `/draws/${w.drawn}/edit`,
    title: /^Edit draw/,
    act: async (page) => {
      await expect(page.getByText("This draw has been run, so its list of people can no longer be edited here.")).toBeVisible();
      await page.getByRole("link", { name: "Back to the draw" }).click();
      await expect(page.getByRole("heading", { name: "Who has joined" })).toBeVisible();
    },
  },
  {
    page: "edit details",
    state: "drawn",
    route: "/draws/:id/details",
    who: "organizer",
    path: (w) => `/draws/${w.drawn}/details`,
    title: /^Edit details/,
    errors: [/status of 422/],
    act: async (page, w, leg) => {
      if (leg === 0) {
        // A refusal comes back at its field, with what was typed.
        await page.getByLabel("Budget (optional)").fill("lots");
        await page.getByRole("button", { name: "Save details" }).click();
        await expect(page.getByLabel("Budget (optional)")).toHaveAttribute("aria-invalid", "true");
        await expect(page.getByText("Enter an amount like 25 or 25.50.")).toBeVisible();
      } else {
        await page.getByLabel("Budget (optional)").fill("20");
        await page.getByRole("button", { name: "Save details" }).click();
        await expect(page.getByRole("status")).toContainText("The draw's details have been saved.");
        await expect(page.getByText("€20.00")).toBeVisible();
      }
    },
  },
  {
    page: "edit details",
    state: "someone else's draw",
    route: "/draws/:id/details",
    who: "participant",
    path: (w) => `/draws/${w.joined}/details`,
    title: /^Page not found/,
    errors: [notFound],
    act: async (page) => {
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    },
  },
  {
    page: "match",
    state: "organizer who takes part",
    route: "/draws/:id/match",
    who: "organizer",
    path: (w) => `/draws/${w.joined}/match`,
    title: /^Joined family/,
    act: async (page) => {
      await page.getByRole("button", { name: /Reveal my match|Show my match again/ }).click();
      await expect(page.getByTestId("match-name")).toBeVisible();
    },
  },
  {
    page: "match",
    state: "participant, before reveal",
    route: "/draws/:id/match",
    who: "participant",
    path: (w) => `/draws/${w.joined}/match`,
    title: /^Joined family/,
    act: async (page) => {
      // Revealing would change the state this row is about: the button is live, the wish letter
      // counts as the person types.
      await expect(page.getByRole("button", { name: "Reveal my match" })).toBeEnabled();
      await page.getByLabel("What would you like?").fill("Warm socks");
      await expect(page.getByText("10 / 10000")).toBeVisible();
    },
  },
  {
    page: "match",
    state: "participant, after reveal",
    route: "/draws/:id/match",
    who: "revealed",
    path: (w) => `/draws/${w.joined}/match`,
    title: /^Joined family/,
    act: async (page) => {
      await page.getByRole("button", { name: "Show my match again" }).click();
      await expect(page.getByTestId("match-name")).toBeVisible();
      await page.getByRole("link", { name: "Hide my match" }).click();
      await expect(page.getByTestId("match-name")).toHaveCount(0);
      // Back at the card (now closed), not at the top of the page.
      await expect(page).toHaveURL(/\/match#match-title$/);
      await expect(page.getByRole("heading", { name: "Your match" })).toBeInViewport();
    },
  },
  {
    page: "draw",
    state: "a participant at the organizer's address",
    route: "/draws/:id",
    who: "participant",
    path: (w) => `/draws/${w.joined}`,
    title: /^Page not found/,
    errors: [notFound],
    act: async (page) => {
      await page.getByRole("link", { name: "Back to the home page" }).click();
      await expect(page).toHaveURL(/\/$/);
    },
  },
  {
    page: "edit draw",
    state: "a participant at the organizer's address",
    route: "/draws/:id/edit",
    who: "participant",
    path: (w) => `/draws/${w.joined}/edit`,
    title: /^Page not found/,
    errors: [notFound],
    act: async (page) => {
      await page.getByRole("link", { name: "Back to the home page" }).click();
      await expect(page).toHaveURL(/\/$/);
    },
  },
  {
    page: "match",
    state: "someone not in the draw",
    route: "/draws/:id/match",
    who: "revealed",
    path: (w) => `/draws/${w.drawn}/match`,
    title: /^Page not found/,
    errors: [notFound],
    act: async (page) => {
      await page.getByRole("link", { name: "Back to the home page" }).click();
      await expect(page).toHaveURL(/\/$/);
    },
  },
  {
    page: "account",
    state: "organizer",
    route: "/account",
    who: "organizer",
    path: () => "/account",
    title: /^Your account/,
    act: async (page) => {
      await expect(page.getByLabel("First name")).toHaveValue("Olga");
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(page.getByText("Your name has been saved.")).toBeVisible();
    },
  },
  {
    page: "protected page",
    state: "anonymous",
    route: "/account",
    who: "anonymous",
    path: () => "/account",
    title: /^Log in/,
    act: async (page, w) => {
      await expect(page).toHaveURL(/\/login\?next=%2Faccount|\/login\?next=\/account/);
      await page.getByLabel("Email").fill(w.organizerEmail);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
    },
  },
];

test("the page table covers every route of the app", () => {
  const source = readFileSync(path.resolve(__dirname, "../../src/ui/mod.rs"), "utf8");
  const routes = [
    ...[...source.matchAll(/StaticSegment\("([^"]*)"\)/g)].map((m) => `/${m[1]}`),
    ...[...source.matchAll(/path!\("([^"]+)"\)/g)].map((m) => m[1]),
    "fallback",
  ];
  expect(routes.length).toBeGreaterThan(10);
  const covered = new Set(table.map((row) => row.route));
  expect(routes.filter((r) => !covered.has(r)), "routes with no row in the page table").toEqual([]);
  expect([...covered].filter((r) => !routes.includes(r)), "rows for routes that do not exist").toEqual([]);
});

async function call(api: APIRequestContext, url: string, form: Record<string, string>) {
  const res = await api.post(url, { form });
  expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(400);
  return res;
}

async function saveDraw(api: APIRequestContext, name: string, people: [string, string, string][]) {
  const res = await api.post("/api/save_draw", {
    data: {
      id: null,
      draw: {
        name,
        budget: "",
        currency: "EUR",
        exchange_date: "",
        message: "",
        participants: people.map(([n, surname, email]) => ({ name: n, surname, email, gift_preferences: "" })),
        exclusions: [],
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as string;
}

/** Joins through the invitation mailed to `email` and returns that person's session. */
async function join(baseURL: string, playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, email: string) {
  const link = linkIn(await mailTo(email), "/invite/");
  const api = await playwright.request.newContext({ baseURL });
  await call(api, "/api/accept_invitation", { token: link.split("/invite/")[1], password, confirm: password });
  return { api, link };
}

async function setUp(baseURL: string, playwright: Parameters<typeof join>[1]): Promise<World> {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const mail = (who: string) => `${who}${tag}@example.org`;
  const organizerEmail = mail("olga");
  const organizer = await playwright.request.newContext({ baseURL });
  await call(organizer, "/api/register", {
    first_name: "Olga",
    surname: "Organizer",
    email: organizerEmail,
    password,
    confirm: password,
  });
  const open = await saveDraw(organizer, "Open house", [
    ["Ada", "Lovelace", mail("ada")],
    ["Charles", "Babbage", mail("charles")],
    ["Mary", "Somerville", mail("mary")],
    ["Alan", "Turing", mail("alan")],
  ]);
  const drawnPeople: [string, string, string][] = [
    ["Grace", "Hopper", mail("grace")],
    ["Edsger", "Dijkstra", mail("edsger")],
    ["Barbara", "Liskov", mail("barbara")],
    ["Donald", "Knuth", mail("donald")],
  ];
  const drawn = await saveDraw(organizer, "Drawn office", drawnPeople);
  await call(organizer, "/api/run_draw", { id: drawn });
  const joined = await saveDraw(organizer, "Joined family", [
    ["Olga", "Organizer", organizerEmail],
    ["Paula", "Participant", mail("paula")],
    ["Rita", "Revealer", mail("rita")],
    ["Frank", "Fresh", mail("frank")],
    ["Uma", "Unused", mail("uma")],
  ]);
  await call(organizer, "/api/run_draw", { id: joined });
  const paula = await join(baseURL, playwright, mail("paula"));
  const rita = await join(baseURL, playwright, mail("rita"));
  await call(rita.api, "/api/reveal_match", { id: joined });
  const fresh = linkIn(await mailTo(mail("frank")), "/invite/");
  const anonymous = await playwright.request.newContext({ baseURL });
  // Someone who forgot their password, with a link nobody has used.
  const forgetful = await playwright.request.newContext({ baseURL });
  await call(forgetful, "/api/register", {
    first_name: "Rosa",
    surname: "Reset",
    email: mail("rosa"),
    password,
    confirm: password,
  });
  await call(anonymous, "/api/request_password_reset", { email: mail("rosa") });
  const reset = linkIn(await mailTo(mail("rosa")), "/reset/");
  return {
    storage: {
      anonymous: await anonymous.storageState(),
      organizer: await organizer.storageState(),
      participant: await paula.api.storageState(),
      revealed: await rita.api.storageState(),
    },
    organizerEmail,
    open,
    drawn,
    joined,
    joinedName: "Joined family",
    freshInvite: new URL(fresh).pathname,
    usedInvite: new URL(paula.link).pathname,
    resetLink: new URL(reset).pathname,
    notJoined: drawnPeople.map(([n, s]) => `${n} ${s}`),
  };
}

const policyless: string[] = [];

async function load(browser: Browser, w: World, row: Row, width: number, leg: number) {
  const context = await browser.newContext({
    storageState: w.storage[row.who],
    viewport: { width, height: width < 600 ? 740 : 900 },
  });
  const page = await context.newPage();
  // A page must always carry its own policy (with the nonce of its scripts): once, under load, a
  // page went out with the strict policy meant for other answers and could not hydrate.
  page.on("response", (r) => {
    // (A form's post is a navigation too; its answer is a redirect with no body to protect.)
    const redirect = r.status() >= 300 && r.status() < 400;
    if (r.request().isNavigationRequest() && !redirect && !(r.headers()["content-security-policy"] ?? "").includes("'nonce-")) {
      policyless.push(`${r.status()} ${r.url()}: ${r.headers()["content-security-policy"]}`);
    }
  });
  await page.goto(row.path(w));
  if (leg === 1) await page.reload();
  await ready(page);
  await expect(page).toHaveTitle(row.title);
  // The header works after the load: on a phone its menu opens and closes. (On a page that opens
  // on a confirmation: once it is answered.)
  const menuWorks = async () => {
    if (width >= 600) return;
    const menu = page.locator("summary.menu-toggle");
    await menu.click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await menu.click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  };
  if (!row.confirming) await menuWorks();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "nothing overflows sideways").toBeLessThanOrEqual(0);
  await row.act(page, w, leg);
  if (row.confirming) await menuWorks();
  await context.close();
  expect(policyless, "pages sent without their own Content-Security-Policy").toEqual([]);
}

for (const width of [360, 1280]) {
  test.describe(`at ${width} px`, () => {
    let world: World;
    test.beforeAll(async ({ playwright }, testInfo) => {
      testInfo.setTimeout(120_000);
      world = await setUp(`http://127.0.0.1:${process.env.SANTA_E2E_PORT ?? "3300"}`, playwright);
    });
    for (const row of table) {
      test(`${row.page} (${row.state}) works after a direct load and a reload at ${width} px`, async ({ browser, expectErrors }) => {
        expectErrors(...(row.errors ?? []));
        await load(browser, world, row, width, 0);
        await load(browser, world, row, width, 1);
      });
    }
  });
}
