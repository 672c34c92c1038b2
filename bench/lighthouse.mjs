// Lighthouse (mobile defaults: simulated slow 4G, CPU ×4) on every page in each state, with
// Debian's Chromium: performance, accessibility, best practices and SEO, 0–100.
//
// Usage (after the release build of scripts/run or scripts/test, in target/site-release):
//   node bench/lighthouse.mjs                     # every page
//   LIGHTHOUSE_PAGE="login" node bench/lighthouse.mjs   # one page, by its name in bench/pages.mjs
// The pages and their states come from bench/pages.mjs (its own server and database).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { base, pages, shown, stopAll } from "./pages.mjs";

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
const rows = [];
const only = process.env.LIGHTHOUSE_PAGE;
for (const [name, path, state] of pages.filter(([name]) => !only || name === only)) {
  const cookie = (state?.cookies ?? []).map((c) => `${c.name}=${c.value}`).join("; ");
  const result = await lighthouse(`${base}${path}`, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: categories,
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
  });
  const lhr = result.lhr;
  const scores = categories.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable")
    .map((a) => a.id);
  // A page Lighthouse could not audit says why (it scores none of a 404 page, for one).
  const error = lhr.runtimeError?.code;
  rows.push({ name, path, scores, tti: lhr.audits.interactive?.numericValue, failing: error ? [error] : failing });
}
await chrome.kill();
stopAll();

console.log(`| page | ${categories.join(" | ")} | time to interactive (simulated) | audits under 90 |`);
console.log(`| --- | ${categories.map(() => "---:").join(" | ")} | ---: | --- |`);
for (const r of rows) {
  console.log(
    `| ${r.name} \`${shown(r.path)}\` | ${r.scores.join(" | ")} | ${Math.round(r.tti ?? 0)} ms | ${r.failing.join(", ") || "—"} |`,
  );
}
process.exit(0);
