// Live reload in a real browser: opens a page of a running `jobsmith serve`, edits a job file on
// disk, and waits for the open page to reload by itself and show the new title.
// Usage: node reload.mjs URL JOB_FILE OLD_TITLE NEW_TITLE
// Prints one JSON object: { "reloaded": bool, "shows": bool, "ms": number }; exits 1 on failure.
import fs from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "./serve.mjs";

const [url, file, oldTitle, newTitle] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS, timeout: 30000 });
let result = { reloaded: false, shows: false, ms: -1 };
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "load", timeout: 15000 });
  if (!(await page.content()).includes(oldTitle)) throw new Error(`the page does not show ${oldTitle}`);
  // A mark that only this document has: a reload loses it.
  await page.evaluate(() => { window.__notReloaded = true; });
  // Let the page's event stream connect before the edit (a later connection also works).
  await page.waitForTimeout(300);
  const started = Date.now();
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(oldTitle, newTitle));
  await page.waitForFunction((title) => document.body && document.body.innerText.includes(title), newTitle, { timeout: 10000 });
  result = {
    reloaded: await page.evaluate(() => window.__notReloaded !== true),
    shows: true,
    ms: Date.now() - started,
  };
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.reloaded && result.shows ? 0 : 1);
