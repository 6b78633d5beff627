// Screenshots of pages of a built site, for people to look at.
// Usage: node screenshot.mjs SITE_DIR OUT_DIR /path/ [/path/ ...]
// Writes OUT_DIR/<name>-<scheme>-<width>.png for widths 375 and 1280, light and dark.
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const [site, out, ...pages] = process.argv.slice(2);
const server = await serve(site);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  for (const scheme of ["light", "dark"]) {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(base + path);
        const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "index";
        await page.screenshot({ path: `${out}/${name}-${scheme}-${width}.png`, fullPage: false });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
