// First load of every page: what a browser with an empty cache downloads to show it and make it
// work — HTML, wasm, JS, CSS — as transferred (brotli when the browser accepts it) and decoded,
// and how long until it works with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), from
// the navigation's start: until every island is hydrated on a page with islands; on a page without,
// until it is both painted (first contentful paint) and parsed with its scripts run (the end of
// DOMContentLoaded) — plain HTML and its inline script work from then on. The server's answer
// (first byte) and the load event are reported beside it. Times are the median of
// FIRST_LOAD_RUNS (default 5) fresh contexts per page. Each of those runs is paired with a run of
// the floor taken just before it — the same measurement of a 60-byte HTML page with no CSS
// served by Node, what a fresh renderer at a quarter speed takes on this machine for any page at
// all — and "above the floor" is the median of the pairs' differences: what the page itself
// costs, with the machine's drift between pages taken out. The last row is the floor's own median
// over every pair.
//
// Usage (after the release build of scripts/run or scripts/test, in target/site-release):
//   node bench/first-load.mjs [--check]
// --check fails (exit 1) when a page transfers more bytes than bench/first-load-budget.json
// allows it (bytes only: times are reported, never enforced — they depend on the machine).
// Starts the release server on a free port with its own PostgreSQL cluster in a temp dir, sets
// up an organizer with a drawn draw, an open one and a participant, then opens each page in a
// fresh context of Debian's Chromium. SANTA_SERVER overrides the server binary.
import { readFileSync } from "node:fs";
import http from "node:http";
import { base, browser, pages, shown, stopAll } from "./pages.mjs";

const check = process.argv.includes("--check");
const budget = JSON.parse(readFileSync(new URL("./first-load-budget.json", import.meta.url), "utf8"));

const kindOf = (url, type) => {
  if (url.endsWith(".wasm")) return "wasm";
  if (url.endsWith(".js")) return "JS";
  if (url.endsWith(".css")) return "CSS";
  if (type === "document") return "HTML";
  return "other";
};
const kinds = ["HTML", "wasm", "JS", "CSS", "other"];
const fmt = (n) => n.toLocaleString("en-US");
const runs = Number(process.env.FIRST_LOAD_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
// Opens `path` in a fresh context at CPU ×4: its responses and times.
async function firstLoad(path, state, baseURL = base) {
  const context = await browser.newContext({ baseURL, storageState: state });
  // When the last island says it is hydrated (the islands set `data-hydrated` on <html>).
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.documentElement.dataset.hydrated === "true") {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-hydrated"] });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const responses = [];
  page.on("response", (r) => responses.push(r));
  await page.goto(path, { waitUntil: "load" });
  const islands = await page.locator("leptos-island").count();
  const html = await page.content();
  if (islands > 0) await page.waitForSelector("html[data-hydrated=true]", { state: "attached" });
  await page.waitForLoadState("networkidle");
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Infinity;
    return {
      firstByte: nav.responseStart,
      load: nav.loadEventEnd,
      interactive: window.__hydratedAt ?? Math.max(paint, nav.domContentLoadedEventEnd),
    };
  });
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
  await context.close();
  return { sums, requests: responses.length, islands, timing, html };
}

// The floor: the smallest page there is, served by Node.
const bare = http
  .createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><html lang=en><title>Floor</title><p>Hello</p>");
  })
  .listen(0, "127.0.0.1");
await new Promise((r) => bare.once("listening", r));
const floorBase = `http://127.0.0.1:${bare.address().port}`;
const floor = [];

for (const [name, path, state] of pages) {
  const loads = [];
  const above = [];
  for (let i = 0; i < runs; i++) {
    const bareLoad = (await firstLoad("/", undefined, floorBase)).timing;
    const load = await firstLoad(path, state);
    floor.push(bareLoad);
    loads.push(load);
    above.push(load.timing.interactive - bareLoad.interactive);
  }
  const { sums, requests, islands } = loads[0];
  const total = kinds.reduce((t, k) => t + sums[k].transferred, 0);
  const totalDecoded = kinds.reduce((t, k) => t + sums[k].decoded, 0);
  const scripts = sums.wasm.transferred + sums.JS.transferred;
  const timing = Object.fromEntries(
    ["firstByte", "interactive", "load"].map((k) => [k, median(loads.map((l) => l.timing[k]))]),
  );
  timing.above = median(above);
  results.push({ name, path, sums, total, totalDecoded, requests, islands, timing, scripts });
}
bare.close();
await browser.close();

console.log(`| page | islands | requests | ${kinds.join(" | ")} | total transferred | budget | first byte | interactive, CPU ×4 | above the floor | load event |`);
console.log(`| --- | ---: | ---: | ${kinds.map(() => "---:").join(" | ")} | ---: | ---: | ---: | ---: | ---: | ---: |`);
const over = [];
for (const r of results) {
  const cells = kinds.map((k) => `${fmt(r.sums[k].transferred)} (${fmt(r.sums[k].decoded)})`);
  const limit = budget[r.name];
  if (limit === undefined) over.push(`${r.name}: no budget in bench/first-load-budget.json`);
  else if (r.total > limit) over.push(`${r.name}: ${fmt(r.total)} B transferred, budget ${fmt(limit)} B`);
  console.log(
    `| ${r.name} \`${shown(r.path)}\` | ${r.islands} | ${r.requests} | ${cells.join(" | ")} | **${fmt(r.total)}** | ${limit === undefined ? "—" : fmt(limit)} | ${Math.round(r.timing.firstByte)} ms | ${Math.round(r.timing.interactive)} ms | ${Math.round(r.timing.above)} ms | ${Math.round(r.timing.load)} ms |`,
  );
}
const floorOf = (k) => `${Math.round(median(floor.map((t) => t[k])))} ms`;
console.log(
  `| floor: 60 B of HTML, no CSS, from Node | 0 | 1 | ${kinds.map(() => "—").join(" | ")} | — | — | ${floorOf("firstByte")} | ${floorOf("interactive")} | — | ${floorOf("load")} |`,
);
console.log(`\ncells: bytes transferred (decoded), body bytes only, of the first run; times: median of ${runs} runs, each in a fresh browser context; the floor: median of its ${floor.length} runs, one just before each page's run`);
console.log("times from the navigation's start; interactive: every island hydrated, or on a page without islands painted and parsed with its scripts run (max of first contentful paint and DOMContentLoaded's end); above the floor: median of (page − the floor run just before it)");
const static_with_code = results.filter((r) => r.islands === 0 && r.scripts > 0);
for (const r of static_with_code) over.push(`${r.name}: no island, yet ${fmt(r.scripts)} B of wasm and JS`);
stopAll();
if (check && over.length > 0) {
  console.error(`\nover budget:\n  ${over.join("\n  ")}`);
  process.exit(1);
}
process.exit(0);
