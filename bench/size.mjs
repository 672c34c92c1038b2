// Sizes of the release build's wasm, JS and CSS — raw, gzip (level 9) and brotli (quality 11).
// The budget the test command enforces is per page, on what each page transfers: see
// bench/first-load.mjs and bench/first-load-budget.json.
//
// Usage: node bench/size.mjs [site-pkg-dir] [--check]
//   site-pkg-dir defaults to target/site-release/pkg (where scripts/run and scripts/test put the
//   release build: LEPTOS_SITE_ROOT=target/site-release cargo leptos build --release --precompress).
//   --check fails (exit 1) when there is no wasm that looks like a release build.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const args = process.argv.slice(2);
const check = args.includes("--check");
const dir = args.find((a) => !a.startsWith("--")) ?? "target/site-release/pkg";

const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

const rows = [];
for (const file of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css)$/.test(file)) continue;
  const buf = readFileSync(join(dir, file));
  rows.push({ file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: brotli(buf) });
}
const fmt = (n) => n.toLocaleString("en-US");
console.log("| file | raw | gzip | brotli |");
console.log("| --- | ---: | ---: | ---: |");
for (const r of rows) console.log(`| ${r.file} | ${fmt(r.raw)} | ${fmt(r.gzip)} | ${fmt(r.brotli)} |`);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
  raw: 0,
  gzip: 0,
  brotli: 0,
});
console.log(`| total | ${fmt(total.raw)} | ${fmt(total.gzip)} | ${fmt(total.brotli)} |`);

const wasm = rows.find((r) => r.file.endsWith(".wasm"));
if (!wasm) {
  console.error(`no .wasm in ${dir}: build with \`cargo leptos build --release\` first`);
  process.exit(1);
}
if (check && wasm.raw < 30_000) {
  console.error(`${wasm.file} is only ${wasm.raw} B: not a release build of the app?`);
  process.exit(1);
}
