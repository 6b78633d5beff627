// Runs axe-core on pages of a built site in headless Chromium, light and dark, phone and desktop.
// Usage: node axe.mjs SITE_DIR /path/ [/path/ ...]
// Prints one JSON object: { "<path> <scheme> <width>": [violation ids and targets], ... }.
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [site, ...pages] = process.argv.slice(2);
const server = await serve(site);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
const results = {};
try {
  for (const scheme of ["light", "dark"]) {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 }, javaScriptEnabled: true });
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(base + path);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const result = await window.axe.run(document, { resultTypes: ["violations"] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
        });
        results[`${path} ${scheme} ${width}`] = violations;
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(results));
