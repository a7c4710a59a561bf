import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { reportPage } from '../../report/index.ts';
import { CHROMIUM, launchChromium } from '../../scripts/chromium.ts';

/**
 * The report in a real browser: Debian's Chromium (the `chromium` package,
 * which .ci/run installs), driven by playwright-core; never a downloaded
 * browser. Without /usr/bin/chromium the test is skipped, and says why.
 */
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`test/report/report-browser.test.ts: no Chromium at ${CHROMIUM} (apt-get install chromium): the browser test is skipped`);

describe.skipIf(!HAS_CHROMIUM)(`the HTML report in headless Chromium (${CHROMIUM}; skipped when absent)`, () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'report-browser-'));

  beforeAll(async () => {
    const html = reportPage([{ name: 'isolation-d8d9b44c.json', text: readFileSync('counterexamples/tock-2.2/isolation-d8d9b44c.json', 'utf8') }, { name: 'stale-generation-9e9e06e7.json', text: readFileSync('counterexamples/tock-2.2/stale-generation-9e9e06e7.json', 'utf8') }]);
    writeFileSync(join(dir, 'report.html'), html);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // Any request leaving the page would be a dependency on the network: there must be none.
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`request to ${r.url()}`);
    });
    await page.goto(`file://${join(dir, 'report.html')}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const shown = () => page.$$eval('#cx-1 .step', (steps) => steps.filter((s) => !(s as HTMLElement).hidden).map((s) => (s as HTMLElement).dataset.step));

  it('opens on the violating step, with the results matrix above', async () => {
    expect(await page.textContent('.matrix')).toContain('violated');
    expect(await shown()).toEqual(['7']);
    expect(await page.textContent('#cx-1 .position')).toBe('step 7 of 7');
    expect(await page.getAttribute('#cx-1 .row[data-step="7"]', 'class')).toBe('row violating selected');
  });

  it('before any click, the keys move the first counterexample; a link to another makes it the one they move', async () => {
    await page.keyboard.press('ArrowLeft');
    expect(await shown()).toEqual(['6']);
    expect(new URL(page.url()).hash).toBe('#cx-1-s6');
    // The click and the key in one task, before the hashchange the click queues: a fast
    // hand (or a test driver) must not move the counterexample left behind.
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('.matrix a[href="#cx-2"]')!.click();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    });
    expect(new URL(page.url()).hash).toMatch(/^#cx-2-s\d+$/);
    expect(await page.textContent('#cx-1 .position')).toBe('step 6 of 7');
    expect(await shown()).toEqual(['6']);
  });

  it('steps with the arrow keys, updating the link, the timeline and the panel', async () => {
    await page.goto(`file://${join(dir, 'report.html')}`);
    await page.click('#cx-1 h2');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await shown()).toEqual(['5']);
    expect(await page.textContent('#cx-1 .position')).toBe('step 5 of 7');
    expect(new URL(page.url()).hash).toBe('#cx-1-s5');
    expect(await page.textContent('#cx-1-s5 h3')).toBe('Step 5: unallow slot 0 → SUCCESS');
    await page.keyboard.press('ArrowRight');
    expect(await shown()).toEqual(['6']);
  });

  it("after unallow, the memory map shows the service's MPU reach over the client's buffer, in red", async () => {
    await page.click('#cx-1 .row[data-step="5"]');
    expect(await shown()).toEqual(['5']);
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    const b4 = await box('#cx-1-s5 g[data-process="1"] rect.owned.buffer >> nth=4');
    expect(await page.locator('#cx-1-s5 g[data-process="1"] rect.owned.buffer >> nth=4').textContent()).toContain('b4 of #1');
    const red = await page.locator('#cx-1-s5 g[data-process="0"] rect.reach.violation').all();
    expect(red.length).toBeGreaterThan(0);
    const over = await Promise.all(red.map((r) => r.boundingBox()));
    expect(over.some((r) => r !== null && r.x <= b4.x + 0.5 && r.x + r.width >= b4.x + b4.width - 0.5)).toBe(true);
    const fill = await red[0]!.evaluate((el) => getComputedStyle(el).fill);
    expect(fill).toBe('rgb(221, 17, 17)');
    const shot = join(dir, 'report.png');
    await page.locator('#cx-1').screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });

  it('a link to a step of another counterexample opens it there; the page made no request and threw nothing', async () => {
    await page.goto(`file://${join(dir, 'report.html')}#cx-2-s1`);
    expect(await page.$$eval('#cx-2 .step', (steps) => steps.filter((s) => !(s as HTMLElement).hidden).map((s) => (s as HTMLElement).dataset.step))).toEqual(['1']);
    expect(errors).toEqual([]);
  });

  it('prints the shown step only, without the stepper', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#cx-1 .stepper').isVisible()).toBe(false);
    expect(await page.locator('#cx-1 .step:not([hidden])').count()).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });
});
