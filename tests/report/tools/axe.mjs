// Runs axe-core (WCAG 2 A and AA, and best practice) on each HTML file named, in headless Chromium, and prints
// one line per violation and element: `FILE: RULE (IMPACT): what is wrong | the element`. Nothing at all
// means no violation. Exit 0 when it ran, whatever it found; 3 when a tool is missing.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
let chromium, axeSource;
try {
  ({ chromium } = require("playwright-core"));
  axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
} catch (err) {
  console.error(`missing: ${err.message}; run npm ci in tests/report/tools`);
  process.exit(3);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  for (const file of process.argv.slice(2)) {
    // The report's own policy forbids scripts; axe is let in from outside the page, past it.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 800, height: 1400 } });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        resultTypes: ["violations"],
      }),
    );
    for (const v of result.violations) {
      for (const node of v.nodes) {
        const why = node.failureSummary.replace(/\s+/g, " ");
        problems.push(`${v.id} (${v.impact}): ${why} | ${node.html.slice(0, 200)}`);
      }
    }
    for (const p of problems) console.log(`${file}: ${p}`);
    await context.close();
  }
} finally {
  await browser.close();
}
