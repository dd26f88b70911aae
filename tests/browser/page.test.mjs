// page.test.mjs — drives the pressdex search page in headless Chromium the
// way a reader would: load it, type a query, submit, click an outlet
// facet, click a month bar, remove a chip, use the back button, open an
// article (the searched words marked, the date's origin in plain words),
// and look at it on a phone-sized screen.  Asserts on the DOM and
// saves a screenshot of each step.  Needs PX_BASE_URL, PX_CHROMIUM and
// PX_SHOTS (run through run.sh).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.PX_BASE_URL;
const shots = process.env.PX_SHOTS;
const profile = mkdtempSync(join(tmpdir(), 'pressdex-chromium-'));

const total = async (page) =>
  Number(await page.locator('#total').getAttribute('data-total'));
const titles = (page) => page.locator('li.hit h3 a').allTextContents();
const shot = (page, name) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

async function step(name, fn) {
  process.stdout.write(`- ${name} ... `);
  await fn();
  console.log('ok');
}

async function run(page, problems) {
  await step('landing page lists the whole archive', async () => {
    await page.goto(base);
    assert.match(await page.title(), /pressdex/);
    assert.equal(await total(page), 13);
    assert.equal(await page.locator('#outlets a.facet').count(), 3);
    assert.ok(await page.locator('#histogram a.bar').count() >= 3);
    // A true time axis: labelled dates and counts, a scale note.
    assert.ok(await page.locator('#histogram text.xlabel').count() >= 1);
    assert.ok(await page.locator('#histogram text.ylabel').count() >= 2);
    assert.match(await page.locator('p.scale').textContent(), /square root/);
    const box = await page.locator('#histogram').boundingBox();
    assert.ok(box.height > 60 && box.width > 150, JSON.stringify(box));
    await shot(page, '01-landing');
  });
  await step('type a query and submit', async () => {
    await page.getByLabel('Search the archive').fill('strike');
    await Promise.all([page.waitForURL(/q=strike/),
                       page.getByRole('button', { name: 'Search' }).click()]);
    assert.equal(await total(page), 4);
    const t = await titles(page);
    assert.equal(t.length, 4);
    assert.ok(t.every((x) => /strike/i.test(x)), t.join(' | '));
    assert.ok(await page.locator('li.hit .snippet mark').count() > 0);
    // The searched word is marked in every title too.
    assert.equal(await page.locator('li.hit h3 mark').count(), 4);
    await shot(page, '02-query');
  });
  await step('click an outlet facet', async () => {
    await page.fill('#q', 'ferry');
    await Promise.all([page.waitForURL(/q=ferry/), page.press('#q', 'Enter')]);
    assert.equal(await total(page), 13);
    await Promise.all([page.waitForURL(/outlet=Harbor/),
                       page.click('#outlets a[data-outlet="Harbor Herald"]')]);
    assert.equal(await total(page), 5);
    const outlets = await page.locator('li.hit .outlet').allTextContents();
    assert.deepEqual([...new Set(outlets)], ['Harbor Herald']);
    const chips = await page.locator('#chips .chip').allTextContents();
    assert.equal(chips.length, 1);
    assert.match(chips[0], /Outlet: Harbor Herald/);
    assert.equal(await page.locator('#outlets a.active').count(), 1);
    await shot(page, '03-outlet');
  });
  await step('add a second outlet, then click it again to remove it', async () => {
    await Promise.all([page.waitForURL(/outlet=Valley/),
                       page.click('#outlets a[data-outlet="Valley Ledger"]')]);
    assert.equal(await total(page), 8);
    assert.equal(await page.locator('#chips .chip').count(), 2);
    assert.equal(await page.locator('#outlets a.active').count(), 2);
    await Promise.all([page.waitForURL((u) => !/Valley/.test(u.search)),
                       page.click('#outlets a[data-outlet="Valley Ledger"]')]);
    assert.equal(await total(page), 5);
  });
  await step('click a histogram bar', async () => {
    await Promise.all([page.waitForURL(/from=2025-01-01/),
                       page.click('#histogram a[data-month="2025-01"]')]);
    assert.equal(await total(page), 2);
    const chips = await page.locator('#chips .chip').allTextContents();
    assert.equal(chips.length, 2);
    assert.ok(chips.some((c) => /Month: 2025-01/.test(c)), chips.join('|'));
    assert.equal(await page.locator('#from').inputValue(), '2025-01-01');
    assert.equal(await page.locator('#to').inputValue(), '2025-01-31');
    await shot(page, '04-month');
  });
  await step('remove a chip, then go back', async () => {
    await Promise.all([page.waitForURL((u) => !/outlet=/.test(u.search)),
                       page.click('#chips .chip[data-filter="outlet"]')]);
    assert.equal(await total(page), 5);
    await page.goBack();
    assert.equal(await total(page), 2);
  });
  await step('open an article and come back', async () => {
    const first = (await titles(page))[0];
    await Promise.all([page.waitForURL(/id=/),
                       page.click('li.hit h3 a >> nth=0')]);
    assert.equal(await page.locator('article h1').textContent(), first);
    // The query's words are marked in the text, and the date's origin is
    // said in plain words.
    assert.ok(await page.locator('article .body mark').count() > 0);
    assert.match(await page.locator('article .meta').textContent(),
                 /\((date stated by the export|date from the [a-z ']+)\)/);
    assert.doesNotMatch(await page.locator('article .meta').textContent(),
                        /date from header/);
    await shot(page, '05-article');
    await Promise.all([page.waitForURL((u) => !/id=/.test(u.search)),
                       page.click('#back')]);
    assert.equal(await total(page), 2);
  });
  await step('keyboard reaches the search box first', async () => {
    await page.goto(base);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  });
  await step('readable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}?q=ferry`);
    const main = await page.locator('#results').boundingBox();
    const side = await page.locator('#facets').boundingBox();
    assert.ok(side.y >= main.y + main.height - 1, 'sidebar below results');
    const wide = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, 'no horizontal scrolling');
    const hist = await page.locator('#histogram').boundingBox();
    assert.ok(hist.width <= 390 && hist.width > 250, JSON.stringify(hist));
    await shot(page, '06-phone');
    await page.click('li.hit h3 a >> nth=0');
    assert.ok(await page.locator('article .body mark').count() > 0);
    const wideArticle = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wideArticle, false, 'article: no horizontal scrolling');
    await shot(page, '07-phone-article');
  });
  await step('no script ran and no console errors', async () => {
    assert.deepEqual(problems, []);
  });
}

const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.PX_CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
         '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
  viewport: { width: 1200, height: 900 },
});
let failed = false;
try {
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await run(page, problems);
  console.log(`screenshots in ${shots}`);
} catch (e) {
  failed = true;
  console.log('FAILED');
  console.error(e);
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
