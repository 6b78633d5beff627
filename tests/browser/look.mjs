// How the default theme looks to a job seeker, in headless Chromium: what shows in the first
// screen of a phone (390x844), whether the apply button stays at hand while a phone reader
// scrolls a job's description, and screenshots at 1280 and 390 px, light and dark.
// Usage: node look.mjs SITE_DIR SHOTS_DIR JOB_PATH NOW (NOW: the build clock, which the pages'
// clock is set to, so that they read as on the day of the build).
// Prints one JSON object of observations (tests/suite/look.rs checks them).
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const [site, shots, jobPath, now] = process.argv.slice(2);
const server = await serve(site);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
const report = { errors: [] };
const PHONE = { width: 390, height: 844 };

// Rows of the listing whose whole box is inside the first screen.
const aboveTheFold = (page) => page.evaluate(() =>
  [...document.querySelectorAll("#listing .job")].filter((row) => row.getBoundingClientRect().bottom <= innerHeight).length);

// Where the bar of the last apply button is, against the bottom of the screen.
const applyAt = (page) => page.evaluate(() => {
  const buttons = [...document.querySelectorAll(".apply")];
  const last = document.querySelector(".apply-end").getBoundingClientRect();
  const article = document.querySelector("article").getBoundingClientRect();
  const bar = getComputedStyle(document.querySelector(".apply-end")).position;
  return { count: buttons.length, bottom: Math.round(last.bottom), top: Math.round(last.top), screen: innerHeight,
    text: buttons.map((b) => b.textContent), articleBottom: Math.round(article.bottom), position: bar };
});

try {
  for (const colorScheme of ["light", "dark"]) {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const context = await browser.newContext({ colorScheme, viewport });
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date(now));
      page.on("pageerror", (e) => report.errors.push(String(e)));
      const view = `${colorScheme}-${viewport.width}`;
      for (const [name, path] of [["index", "/"], ["job", jobPath], ["company", "/companies/oracle/"], ["companies", "/companies/"]]) {
        await page.goto(origin + path);
        if (name === "index") {
          await page.waitForSelector("#search form:not([hidden])");
          report[`fold ${view}`] = await aboveTheFold(page);
        }
        await page.screenshot({ path: `${shots}/${name}-${view}.png` });
      }
      if (viewport === PHONE) {
        await page.goto(origin + jobPath);
        report[`apply top ${view}`] = await applyAt(page);
        await page.evaluate(() => {
          const article = document.querySelector("article");
          scrollTo(0, article.offsetTop + article.offsetHeight - innerHeight - 300);
        });
        report[`apply scrolled ${view}`] = await applyAt(page);
        await page.screenshot({ path: `${shots}/job-scrolled-${view}.png` });
      } else {
        await page.goto(origin + jobPath);
        await page.evaluate(() => {
          const article = document.querySelector("article");
          scrollTo(0, article.offsetTop + article.offsetHeight - innerHeight - 300);
        });
        report[`apply scrolled ${view}`] = await applyAt(page);
      }
      await context.close();
    }
  }
  // Relative dates follow the reader's clock: ten days after the build, "today" reads "10 days ago".
  const later = await browser.newContext();
  const page = await later.newPage();
  await page.goto(origin + "/");
  const built = await page.$eval("time[data-ago]", (t) => ({ text: t.textContent, date: t.dateTime }));
  await page.clock.setFixedTime(new Date(Date.parse(built.date) + 10 * 864e5 + 3600e3));
  await page.reload();
  report.ago = { built: built.text, later: await page.$eval("time[data-ago]", (t) => t.textContent) };
  report.new_badges_later = await page.$$eval(".new", (badges) => badges.filter((b) => b.checkVisibility()).length);
  await later.close();
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(report));
