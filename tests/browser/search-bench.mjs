// Measures the index page's search in headless Chromium: what each query downloads (bytes as
// served and gzip-compressed, as static hosts send JSON) and how long the first results take.
// Usage: node search-bench.mjs SITE_DIR [QUERY ...]   (a QUERY may carry filters: "java&workplace=remote")
// Prints a Markdown table. Every query starts in a fresh browser context (an empty cache).
// THROTTLE=4 slows the page's CPU four times (Chromium's CPU throttling, a mid-range phone).
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const [site, ...args] = process.argv.slice(2);
const queries = args.length ? args : ["java", "senior", "berlin", "a", "e", "de", "developer", "senior java berlin", "munchen", "kubernetes&workplace=remote", "&country=germany"];
const server = await serve(site);
const home = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });

// Counts the search files a page fetches from now on, raw and gzip-compressed.
function meter(page) {
  const seen = { files: 0, raw: 0, gzip: 0, names: [] };
  page.on("response", async (response) => {
    if (!response.url().includes("/search/")) return;
    const body = await response.body();
    seen.files += 1;
    seen.raw += body.length;
    seen.gzip += zlib.gzipSync(body).length;
    seen.names.push(new URL(response.url()).pathname.replace(/^.*\/search\/[^/]+\//, ""));
  });
  return seen;
}

// Milliseconds from an input event to the moment the first results are in the page, to the whole
// first page of results (the list no longer busy), and to the next frame after that.
async function timeQuery(page, query) {
  return page.evaluate(async (q) => {
    const input = document.querySelector("#search-q");
    const status = document.querySelector("#search [role=status]");
    const results = document.querySelector(".search-results");
    const when = (test) => new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!test()) return;
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(document.getElementById("search"), { childList: true, characterData: true, subtree: true, attributes: true });
    });
    input.value = "";
    input.dispatchEvent(new Event("input"));
    await new Promise((r) => setTimeout(r, 50));
    const shown = when(() => status.textContent !== "");
    const whole = when(() => status.textContent !== "" && !results.hasAttribute("aria-busy"));
    const start = performance.now();
    input.value = q;
    input.dispatchEvent(new Event("input"));
    const first = await shown;
    const done = await whole;
    const painted = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    return { shown: first - start, whole: done - start, painted: painted - start };
  }, query);
}

// Before typing: notes the time of every input event and when the results of the query as last
// typed are first in the page, and whole.
async function watchTyping(page) {
  await page.evaluate(() => {
    const input = document.querySelector("#search-q");
    const status = document.querySelector("#search [role=status]");
    const results = document.querySelector(".search-results");
    const seen = (window.typing = { key: 0, shown: 0, whole: 0 });
    // Captured on the way down, before the search's own listener (which may show cached
    // results before the event has reached any other listener).
    document.addEventListener("input", () => { seen.key = performance.now(); seen.shown = seen.whole = 0; }, true);
    new MutationObserver(() => {
      if (!status.textContent.includes(`“${input.value.trim()}”`)) return;
      if (!seen.shown) seen.shown = performance.now();
      if (!seen.whole && !results.hasAttribute("aria-busy")) seen.whole = performance.now();
    }).observe(document.getElementById("search"), { childList: true, characterData: true, subtree: true, attributes: true });
  });
}

// Applies THROTTLE to a page, if set.
async function throttle(page) {
  const rate = Number(process.env.THROTTLE || 1);
  if (rate > 1) await (await page.context().newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate });
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => (bytes / 1024).toFixed(1);
const rows = [];
try {
  for (const spec of queries) {
    const at = spec.indexOf("&");
    const q = at < 0 ? spec : spec.slice(0, at);
    const filters = at < 0 ? "" : spec.slice(at);
    // Typed: one key every 150 ms, as a person types, each prefix searched on its way; the
    // manifest and any filter lists count too.
    const context = await browser.newContext();
    const page = await context.newPage();
    await throttle(page);
    const typed = meter(page);
    await page.goto(home + (filters ? `?${filters.slice(1)}` : ""));
    await page.waitForFunction(() => document.querySelector("#search-skill").options.length > 1);
    if (filters) await page.waitForFunction(() => document.querySelector("#search [role=status]").textContent !== "");
    let lastKey = null;
    if (q) {
      await watchTyping(page);
      await page.focus("#search-q");
      await page.keyboard.type(q, { delay: 150 });
      await page.waitForFunction(() => window.typing.whole > 0);
      lastKey = await page.evaluate(() => ({ shown: window.typing.shown - window.typing.key, whole: window.typing.whole - window.typing.key }));
    }
    await page.waitForTimeout(300);
    const status = await page.$eval("#search [role=status]", (p) => p.textContent);
    // Warm: the parts are loaded; the same query again, seven times.
    const warm = [];
    const painted = [];
    for (let i = 0; i < 7 && q; i++) {
      const t = await timeQuery(page, q);
      warm.push(t.shown);
      painted.push(t.painted);
    }
    await context.close();
    // Cold: the page loaded (the manifest in), nothing else; one input event to the results.
    let cold = null;
    if (q) {
      const coldContext = await browser.newContext();
      const coldPage = await coldContext.newPage();
      await throttle(coldPage);
      await coldPage.goto(home);
      await coldPage.waitForFunction(() => document.querySelector("#search-skill").options.length > 1);
      cold = await timeQuery(coldPage, q);
      await coldContext.close();
    }
    // Pasted: the whole query at once, in a fresh context.
    const fresh = await browser.newContext();
    const pastePage = await fresh.newPage();
    await throttle(pastePage);
    const pasted = meter(pastePage);
    await pastePage.goto(home + `?q=${encodeURIComponent(q)}${filters}`);
    await pastePage.waitForFunction(() => document.querySelector("#search [role=status]").textContent !== ""
      && !document.querySelector(".search-results").hasAttribute("aria-busy"));
    await pastePage.waitForTimeout(300);
    await fresh.close();
    rows.push({ spec, status, typed, lastKey, pasted, cold, warm: q ? median(warm) : null, painted: q ? median(painted) : null });
  }
} finally {
  await browser.close();
  server.close();
}
const ms = (t) => `${t.toFixed(0)}`;
console.log("| query | result | typed: files, KB gzip (KB raw) | typed: last key to first results, to all 20 | pasted in the URL: files, KB gzip | cold: one input event to first results, to all 20 | warm: to results, to next frame (median of 7) |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const warm = r.warm === null ? "–" : `${r.warm.toFixed(1)} ms, ${r.painted.toFixed(1)} ms`;
  const last = r.lastKey ? `${ms(r.lastKey.shown)} ms, ${ms(r.lastKey.whole)} ms` : "–";
  const cold = r.cold ? `${ms(r.cold.shown)} ms, ${ms(r.cold.whole)} ms` : "–";
  console.log(`| \`${r.spec}\` | ${r.status} | ${r.typed.files}, ${kb(r.typed.gzip)} (${kb(r.typed.raw)}) | ${last} | ${r.pasted.files}, ${kb(r.pasted.gzip)} | ${cold} | ${warm} |`);
}
if (process.env.VERBOSE) console.error(JSON.stringify(rows.map((r) => ({ spec: r.spec, typed: r.typed.names, pasted: r.pasted.names })), null, 1));
