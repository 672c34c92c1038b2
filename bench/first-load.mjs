// First-load bytes: what a browser with an empty cache downloads to show and hydrate each page —
// HTML, wasm, JS, CSS — as transferred (the server sends cargo-leptos's precompressed .br files
// to browsers that accept brotli) and decoded.
//
// Usage (after the release build of scripts/run or scripts/test, in target/site-release):
//   node bench/first-load.mjs
// Starts the release server on a free port with its own PostgreSQL cluster in a temp dir, sets
// up an organizer with a drawn draw and a participant, then opens each page in a fresh context of
// Debian's Chromium. SANTA_SERVER overrides the server binary.
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

const dataDir = mkdtempSync(join(tmpdir(), "santa-first-load-"));
chmodSync(dataDir, 0o755);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
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

function stopAll() {
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

const browser = await chromium.launch({
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

const pages = [
  ["login", "/login", undefined],
  ["dashboard", "/draws", await organizer.storageState()],
  ["create draw", "/draws/new", await organizer.storageState()],
  ["reveal (participant page)", `/draws/${draw}/match`, await participant.storageState()],
];

const kindOf = (url, type) => {
  if (url.endsWith(".wasm")) return "wasm";
  if (url.endsWith(".js")) return "JS";
  if (url.endsWith(".css")) return "CSS";
  if (type === "document") return "HTML";
  return "other";
};
const kinds = ["HTML", "wasm", "JS", "CSS", "other"];
const fmt = (n) => n.toLocaleString("en-US");
const results = [];
for (const [name, path, state] of pages) {
  const context = await browser.newContext({ baseURL: base, storageState: state });
  const page = await context.newPage();
  const responses = [];
  page.on("response", (r) => responses.push(r));
  await page.goto(path, { waitUntil: "load" });
  await page.waitForSelector("html[data-hydrated=true]");
  await page.waitForLoadState("networkidle");
  const sums = Object.fromEntries(kinds.map((k) => [k, { transferred: 0, decoded: 0 }]));
  for (const r of responses) {
    const kind = kindOf(new URL(r.url()).pathname, r.request().resourceType());
    const sizes = await r.request().sizes();
    let decoded = 0;
    try {
      decoded = (await r.body()).length;
    } catch {}
    sums[kind].transferred += sizes.responseBodySize;
    sums[kind].decoded += decoded;
  }
  const total = kinds.reduce((t, k) => t + sums[k].transferred, 0);
  const totalDecoded = kinds.reduce((t, k) => t + sums[k].decoded, 0);
  results.push({ name, path, sums, total, totalDecoded, requests: responses.length });
  await context.close();
}
await browser.close();

console.log(`| page | requests | ${kinds.join(" | ")} | total transferred | total decoded |`);
console.log(`| --- | ---: | ${kinds.map(() => "---:").join(" | ")} | ---: | ---: |`);
for (const r of results) {
  const cells = kinds.map((k) => `${fmt(r.sums[k].transferred)} (${fmt(r.sums[k].decoded)})`);
  console.log(`| ${r.name} \`${r.path.replace(draw, ":id")}\` | ${r.requests} | ${cells.join(" | ")} | **${fmt(r.total)}** | ${fmt(r.totalDecoded)} |`);
}
console.log("\ncells: bytes transferred (decoded), body bytes only; one fresh browser context per page");
stopAll();
process.exit(0);
