/**
 * `npx tsx scripts/report-screenshot.ts`: docs/report-isolation.png, the
 * README's picture of the HTML report: the legacy design's isolation
 * counterexample after unallow, where the service's MPU still reaches the
 * client's buffer. Drawn by Debian's Chromium (see scripts/chromium.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportPage } from '../report/index.ts';
import { launchChromium } from './chromium.ts';

const FILE = 'counterexamples/tock-2.2/isolation-d8d9b44c.json';
const OUT = 'docs/report-isolation.png';

const dir = mkdtempSync(join(tmpdir(), 'report-shot-'));
writeFileSync(join(dir, 'report.html'), reportPage([{ name: FILE, text: readFileSync(FILE, 'utf8') }]));
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1560, height: 900 }, deviceScaleFactor: 1 });
await page.goto(`file://${join(dir, 'report.html')}#cx-1-s5`);
await page.locator('#cx-1').screenshot({ path: OUT });
await browser.close();
console.log(`wrote ${OUT}`);
