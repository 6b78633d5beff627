// Drives the index page's search in headless Chromium and reports what a visitor would see.
// Usage: node search.mjs SITE_DIR BASE_PATH OUT_DIR
// Prints one JSON object of observations (tests/suite/search.rs checks them) and writes
// OUT_DIR/searched.html, the page as it stands with results shown, for the HTML checker.
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [site, basePath, out] = process.argv.slice(2);
const server = await serve(site, basePath);
const origin = `http://127.0.0.1:${server.address().port}`;
const home = origin + basePath;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
const report = {};

// What the search shows: the live region's text, the result titles and links, the address,
// and whether the page's own listing is visible.
async function seen(page) {
  return page.evaluate(() => ({
    status: document.querySelector("#search [role=status]").textContent,
    titles: [...document.querySelectorAll(".search-results .job-title a")].map((a) => a.textContent),
    links: [...document.querySelectorAll(".search-results .job-title a")].map((a) => a.getAttribute("href")),
    url: location.pathname + location.search,
    q: document.querySelector("#search-q").value,
    workplace: document.querySelector("#search-workplace").value,
    country: document.querySelector("#search-country").value,
    listingVisible: !document.getElementById("listing").hidden,
    more: !document.querySelector(".search-more").hidden,
  }));
}

// Waits until the live region says something other than `before` and the whole first page of
// results is in (the list is not busy).
async function settled(page, before) {
  await page.waitForFunction((b) => document.querySelector("#search [role=status]").textContent !== b
    && !document.querySelector(".search-results").hasAttribute("aria-busy"), before);
  return seen(page);
}

async function typeQuery(page, text) {
  const before = await page.$eval("#search [role=status]", (p) => p.textContent);
  await page.fill("#search-q", text);
  return settled(page, before);
}

async function choose(page, select, value) {
  const before = await page.$eval("#search [role=status]", (p) => p.textContent);
  await page.selectOption(select, value);
  return settled(page, before);
}

// Sorting keeps the status (the same jobs match): waits for the first result to change.
async function reorder(page, value) {
  const before = await page.$eval(".search-results .job-title a", (a) => a.textContent);
  await page.selectOption("#search-sort", value);
  await page.waitForFunction((b) => document.querySelector(".search-results .job-title a").textContent !== b
    && !document.querySelector(".search-results").hasAttribute("aria-busy"), before);
  return seen(page);
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
}

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(home);
  await page.waitForSelector("#search form:not([hidden])");
  report.initial = await seen(page);
  report.kubernetes = await typeQuery(page, "kubernetes");
  report.nothing = await typeQuery(page, "zzyzx");
  report.munchen = await typeQuery(page, "munchen");
  report.accented = await typeQuery(page, "MÜNCHEN kube");
  report.kubernetes_again = await typeQuery(page, "kubernetes");
  report.remote = await choose(page, "#search-workplace", "remote");
  report.back = await (async () => {
    await page.goBack();
    await page.waitForFunction(() => document.querySelector("#search-workplace").value === "");
    return settled(page, report.remote.status);
  })();
  report.one_letter = await typeQuery(page, "e");
  report.show_more = await (async () => {
    await page.click(".search-more");
    await page.waitForFunction((n) => document.querySelectorAll(".search-results .job").length > n, report.one_letter.titles.length);
    const shown = await seen(page);
    shown.focused = await page.evaluate(() => document.activeElement.textContent);
    return shown;
  })();
  report.cleared = await typeQuery(page, "");
  report.links_resolve = await Promise.all(report.kubernetes.links.map(async (link) => (await page.request.get(origin + link)).status()));

  // A word only a description holds; the salary filter; the two orders.
  report.described = await typeQuery(page, "zanzibar");
  await typeQuery(page, "");
  report.salary = await choose(page, "#search-salary", "100000");
  report.by_pay = await reorder(page, "pay");
  report.by_date = await reorder(page, "new");
  report.salary_options = await page.$$eval("#search-salary option", (os) => os.map((o) => o.textContent));
  await page.goto(home);
  await page.waitForSelector("#search form:not([hidden])");
  // A result is the listing's own row: the same markup, the same links.
  report.same_row = await (async () => {
    const listed = await page.$eval("#listing .job", (li) => li.outerHTML);
    await typeQuery(page, "backend");
    const found = await page.$eval(".search-results .job", (li) => li.outerHTML);
    return listed === found ? "same" : `${listed}\n!=\n${found}`;
  })();
  // Every listing page searches the whole board: a company page, and page 2.
  for (const [name, path] of [["company", "companies/helix/"], ["page_two", "page/2/"]]) {
    await page.goto(home + path);
    await page.waitForSelector("#search form:not([hidden])");
    report[name] = await typeQuery(page, "kubernetes");
  }

  // From a company page: a description word, then a query sorted by pay and filtered by salary.
  await page.goto(home + "companies/helix/");
  await page.waitForSelector("#search form:not([hidden])");
  report.company_described = await typeQuery(page, "zanzibar");
  report.company_developer = await typeQuery(page, "developer");
  report.company_by_pay = await reorder(page, "pay");
  report.company_salary = await choose(page, "#search-salary", "100000");

  // Typed key after key without a pause: only the whole word's results are left in the page.
  await page.goto(home);
  await page.waitForSelector("#search form:not([hidden])");
  await page.focus("#search-q");
  await page.keyboard.type("kubernetes");
  await page.waitForFunction(() => document.querySelector("#search [role=status]").textContent.includes("“kubernetes”")
    && !document.querySelector(".search-results").hasAttribute("aria-busy"));
  report.typed_fast = await seen(page);

  // Keyboard only: type, then Tab past the filters to the first result.
  await page.goto(home);
  await page.waitForSelector("#search form:not([hidden])");
  await page.focus("#search-q");
  await page.keyboard.type("kubernetes");
  await page.waitForFunction(() => document.querySelectorAll(".search-results .job").length > 0);
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  report.keyboard_focus = await page.evaluate(() => document.activeElement.closest(".search-results") ? document.activeElement.textContent : null);

  // A shared address restores the query and the filters.
  await page.goto(`${home}?q=kubernetes&workplace=remote`);
  await page.waitForFunction(() => document.querySelector("#search [role=status]").textContent !== ""
    && !document.querySelector(".search-results").hasAttribute("aria-busy"));
  report.restored = await seen(page);
  await page.goto(`${home}?country=germany&q=kube`);
  await page.waitForFunction(() => document.querySelector("#search [role=status]").textContent !== ""
    && !document.querySelector(".search-results").hasAttribute("aria-busy"));
  report.restored_country = await seen(page);
  report.page_errors = errors;

  await page.goto(`${home}?q=kubernetes`);
  await page.waitForFunction(() => document.querySelectorAll(".search-results .job").length > 0);
  fs.writeFileSync(`${out}/searched.html`, await page.content());
  await context.close();

  report.axe = {};
  for (const colorScheme of ["light", "dark"]) {
    for (const width of [375, 1280]) {
      const ctx = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      const p = await ctx.newPage();
      await p.goto(`${home}?q=kubernetes`);
      await p.waitForFunction(() => document.querySelectorAll(".search-results .job").length > 0);
      report.axe[`${colorScheme} ${width}`] = await axe(p);
      await ctx.close();
    }
  }

  // Before the script has run (here: never), the form already takes its place where scripts
  // run, so showing it later moves nothing on the page (no layout shift).
  const slow = await browser.newContext();
  await slow.route(/\/search\.[0-9a-f]+\.js$/, (route) => route.abort());
  const early = await slow.newPage();
  await early.goto(home);
  report.before_script = await early.evaluate(() => ({
    formVisible: document.querySelector("#search form").checkVisibility(),
    scriptRan: !document.querySelector("#search form").hidden,
  }));
  await slow.close();

  // Without JavaScript the form stays hidden and the listing is there.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(home);
  report.without_js = await plain.evaluate(() => ({
    formVisible: document.querySelector("#search form").checkVisibility(),
    listingJobs: document.querySelectorAll("#listing .job").length,
  }));
  await noScript.close();
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(report));
