// First load of every page: what a browser with an empty cache downloads to show it and make it
// work — HTML, wasm, JS, CSS — as transferred (brotli when the browser accepts it) and decoded,
// and how long until it works with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), from
// the navigation's start: until every island is hydrated on a page with islands, until the load
// event on a page without (plain HTML works once it is there).
//
// Usage (after the release build of scripts/run or scripts/test, in target/site-release):
//   node bench/first-load.mjs [--check]
// --check fails (exit 1) when a page transfers more bytes than bench/first-load-budget.json
// allows it (bytes only: times are reported, never enforced — they depend on the machine).
// Starts the release server on a free port with its own PostgreSQL cluster in a temp dir, sets
// up an organizer with a drawn draw, an open one and a participant, then opens each page in a
// fresh context of Debian's Chromium. SANTA_SERVER overrides the server binary.
import { readFileSync } from "node:fs";
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
const results = [];
for (const [name, path, state] of pages) {
  const context = await browser.newContext({ baseURL: base, storageState: state });
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
  if (islands > 0) await page.waitForSelector("html[data-hydrated=true]", { state: "attached" });
  await page.waitForLoadState("networkidle");
  const interactive = await page.evaluate(() =>
    window.__hydratedAt ?? performance.getEntriesByType("navigation")[0].loadEventEnd,
  );
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
  const scripts = sums.wasm.transferred + sums.JS.transferred;
  results.push({ name, path, sums, total, totalDecoded, requests: responses.length, islands, interactive, scripts });
  await context.close();
}
await browser.close();

console.log(`| page | islands | requests | ${kinds.join(" | ")} | total transferred | budget | interactive, CPU ×4 |`);
console.log(`| --- | ---: | ---: | ${kinds.map(() => "---:").join(" | ")} | ---: | ---: | ---: |`);
const over = [];
for (const r of results) {
  const cells = kinds.map((k) => `${fmt(r.sums[k].transferred)} (${fmt(r.sums[k].decoded)})`);
  const limit = budget[r.name];
  if (limit === undefined) over.push(`${r.name}: no budget in bench/first-load-budget.json`);
  else if (r.total > limit) over.push(`${r.name}: ${fmt(r.total)} B transferred, budget ${fmt(limit)} B`);
  console.log(
    `| ${r.name} \`${shown(r.path)}\` | ${r.islands} | ${r.requests} | ${cells.join(" | ")} | **${fmt(r.total)}** | ${limit === undefined ? "—" : fmt(limit)} | ${Math.round(r.interactive)} ms |`,
  );
}
console.log("\ncells: bytes transferred (decoded), body bytes only; one fresh browser context per page");
console.log("interactive: from the navigation's start until every island is hydrated (or the load event on a page without islands)");
const static_with_code = results.filter((r) => r.islands === 0 && r.scripts > 0);
for (const r of static_with_code) over.push(`${r.name}: no island, yet ${fmt(r.scripts)} B of wasm and JS`);
stopAll();
if (check && over.length > 0) {
  console.error(`\nover budget:\n  ${over.join("\n  ")}`);
  process.exit(1);
}
process.exit(0);
