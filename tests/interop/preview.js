// Drives `bout preview` in a real browser (Debian's Chromium, headless,
// through Playwright): loads the page, records what each pane shows, then
// for each step writes the script (as an editor saves) and waits for the
// page to take the update in place. Prints one JSON object: the state
// after loading and after each step. Screenshots of every pane go to
// $BOUT_SHOTS when set.
//
//   BOUT_URL=… BOUT_FILE=… BOUT_STEPS=steps.json node preview.js

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

async function state(page) {
  return page.evaluate(() => {
    const frame = document.querySelector('#screenplay iframe');
    const doc = frame.contentDocument;
    return {
      version: Number(document.body.dataset.version || 0),
      loadedAt: window.boutLoadedAt,
      status: document.querySelector('#status').textContent,
      banner: document.querySelector('#banner').classList.contains('shown')
        ? document.querySelector('#banner').textContent : null,
      stale: document.body.classList.contains('stale'),
      screenplay: doc && doc.body ? doc.body.innerText.slice(0, 4000) : '',
      pages: doc ? doc.querySelectorAll('section.page').length : 0,
      timelineEvents: document.querySelectorAll('#timeline [data-line]').length,
      diagnostics: [...document.querySelectorAll('#diagnostics li')].map((li) => li.querySelector('.head') ? li.querySelector('.head').textContent : li.textContent),
      stats: document.querySelector('#stats pre').textContent.slice(0, 2000),
      scripts: doc ? doc.querySelectorAll('script').length : 0,
      injected: doc ? doc.querySelectorAll('img').length : 0,
    };
  });
}

async function shoot(page, dir, name) {
  if (!dir) return;
  for (const pane of ['screenplay', 'timeline', 'diagnostics', 'stats']) {
    await page.click(`nav button[data-pane="${pane}"]`);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(dir, `${name}-${pane}.png`) });
  }
  await page.click('nav button[data-pane="screenplay"]');
}

(async () => {
  const url = process.env.BOUT_URL;
  const file = process.env.BOUT_FILE;
  const steps = JSON.parse(fs.readFileSync(process.env.BOUT_STEPS, 'utf8'));
  const shots = process.env.BOUT_SHOTS;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const dialogs = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(url);
    await page.waitForFunction(() => Number(document.body.dataset.version) >= 1, null, { timeout: 20000 });
    await page.waitForTimeout(300);
    // The timeline is drawn when its pane is first shown.
    await page.click('nav button[data-pane="timeline"]');
    await page.waitForTimeout(200);
    await page.click('nav button[data-pane="screenplay"]');
    const result = { loaded: await state(page), steps: [] };
    // Clicking a line of the screenplay names its source line.
    const frame = page.frameLocator('#screenplay iframe');
    await frame.locator('p.scene-heading').first().click({ timeout: 5000 });
    await page.waitForTimeout(100);
    result.clickedHeading = await page.evaluate(() => document.querySelector('#where').textContent);
    // A fight's round marker, and its first paragraph of prose.
    const round = frame.locator('p.shot', { hasText: 'ROUND ONE' });
    if (await round.count() > 0) {
      await round.first().click();
      await page.waitForTimeout(100);
      result.clickedRound = await page.evaluate(() => document.querySelector('#where').textContent);
    }
    await shoot(page, shots, 'loaded');
    let version = result.loaded.version;
    for (const step of steps) {
      if (step.delete) fs.unlinkSync(file);
      else fs.writeFileSync(file, step.write);
      await page.waitForFunction((v) => Number(document.body.dataset.version) > v, version, { timeout: 20000 });
      await page.waitForTimeout(300);
      const s = await state(page);
      s.name = step.name;
      version = s.version;
      result.steps.push(s);
      await shoot(page, shots, step.name);
    }
    result.dialogs = dialogs;
    process.stdout.write(JSON.stringify(result));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
