// The pages every browser benchmark opens, in each state: starts the release server on a free
// port with its own PostgreSQL cluster in a temp dir, and sets up an organizer with a drawn draw
// and an open one, a participant who has joined, and an invitation nobody has used yet.
// SANTA_SERVER overrides the server binary.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, homedir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/secret-santa/target");
const serverBin = process.env.SANTA_SERVER ?? join(target, "release/secret-santa");
if (!existsSync(serverBin)) {
  console.error(`no server at ${serverBin}: build with cargo leptos build --release --precompress`);
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dataDir = mkdtempSync(join(tmpdir(), "santa-bench-pages-"));
chmodSync(dataDir, 0o755);
const port = await freePort();
export const base = `http://127.0.0.1:${port}`;
const server = spawn(serverBin, [], {
  env: {
    ...process.env,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: "target/site-release",
    LEPTOS_OUTPUT_NAME: "secret-santa",
    SANTA_DATA_DIR: dataDir,
    SANTA_PG_PORT: String(await freePort()),
    RUST_LOG: "warn",
  },
  stdio: ["ignore", "inherit", "inherit"],
});

export function stopAll() {
  server.kill("SIGTERM");
  try {
    const pid = Number(readFileSync(join(dataDir, "postgres/postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGINT");
  } catch {}
}
process.on("exit", stopAll);

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {}
  if (i > 600) throw new Error("the server did not start");
  await new Promise((r) => setTimeout(r, 200));
}

export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

// An organizer with a drawn draw, and one participant who has set a password.
const password = "correct horse battery";
const organizer = await browser.newContext({ baseURL: base });
const api = organizer.request;
const ok = async (res) => {
  if (!res.ok()) throw new Error(`${res.url()}: ${res.status()} ${await res.text()}`);
  return res;
};
await ok(await api.post("/api/register", { form: { first_name: "Olga", surname: "Organizer", email: "org@example.org", password, confirm: password } }));
const people = ["Ada", "Charles", "Mary", "Grace"].map((name, i) => ({
  name,
  surname: "Bench",
  email: `p${i}@example.org`,
  gift_preferences: "Jazz records, green tea, hiking maps",
}));
const draw = await (
  await ok(
    await api.post("/api/save_draw", {
      data: {
        id: null,
        draw: { name: "Office", budget: "30", currency: "EUR", exchange_date: "", message: "", participants: people, exclusions: [] },
      },
    }),
  )
).json();
const links = await (await ok(await api.post("/api/run_draw", { form: { id: draw } }))).json();
const participant = await browser.newContext({ baseURL: base });
const token = links[0].url.split("/").pop();
await ok(await participant.request.post("/api/accept_invitation", { form: { token, password, confirm: password } }));

// A second, open draw (the editor and the open draw page), and an invitation nobody used yet.
const open = await (
  await ok(
    await api.post("/api/save_draw", {
      data: {
        id: null,
        draw: { name: "Family", budget: "", currency: "EUR", exchange_date: "", message: "", participants: people, exclusions: [] },
      },
    }),
  )
).json();
const unused = links[1].url.replace(/^https?:\/\/[^/]+/, "");


/** [name, path, storage state of the browser that opens it]; `shown` turns a path back into its route. */
const asOrganizer = await organizer.storageState();
const asParticipant = await participant.storageState();
export const pages = [
  ["home", "/", undefined],
  ["login", "/login", undefined],
  ["register", "/register", undefined],
  ["forgot password", "/forgot-password", undefined],
  ["reset password", `/reset/${"0".repeat(64)}`, undefined],
  ["invitation", unused, undefined],
  ["not found", "/no-such-page", undefined],
  ["account", "/account", asOrganizer],
  ["dashboard", "/draws", asOrganizer],
  ["draw page (open)", `/draws/${open}`, asOrganizer],
  ["draw page (drawn)", `/draws/${draw}`, asOrganizer],
  ["create draw", "/draws/new", asOrganizer],
  ["edit draw", `/draws/${open}/edit`, asOrganizer],
  ["participant page", `/draws/${draw}/match`, asParticipant],
];


export const shown = (p) => p.replace(draw, ":id").replace(open, ":id").replace(/[0-9a-f]{64}/, ":token");
