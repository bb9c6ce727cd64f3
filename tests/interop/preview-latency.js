// The preview's latency as a writer sees it: the time from the script's
// write (an editor's save) to the updated page painted in Chromium
// (headless, through Playwright), N times; prints the distribution as
// JSON. benches/preview.rs starts `bout preview` and runs this.
//
//   BOUT_URL=… BOUT_FILE=… BOUT_RUNS=40 node preview-latency.js

const fs = require('fs');
const { chromium } = require('playwright-core');

(async () => {
  const url = process.env.BOUT_URL;
  const file = process.env.BOUT_FILE;
  const runs = Number(process.env.BOUT_RUNS || 40);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(url);
    await page.waitForFunction(() => window.boutPainted >= 1, null, { timeout: 60000 });
    const original = fs.readFileSync(file, 'utf8');
    const times = [];
    let version = await page.evaluate(() => window.boutPainted);
    for (let i = 0; i < runs; i++) {
      // A real edit each time: one action line changes its words.
      const text = original.replace('action "', `action "Take ${i + 1}. `);
      const started = Date.now();
      fs.writeFileSync(file, text);
      await page.waitForFunction((v) => window.boutPainted > v, version, { timeout: 60000, polling: 'raf' });
      times.push(Date.now() - started);
      version = await page.evaluate(() => window.boutPainted);
      await page.waitForTimeout(50);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * q))];
    const pages = await page.evaluate(() => document.querySelector('#screenplay iframe').contentDocument.querySelectorAll('section.page').length);
    process.stdout.write(JSON.stringify({ runs, pages, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], times }));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
