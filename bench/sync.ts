// `npm run bench:sync [-- --reviews 100000] [--skip-build]`: times sync through the local sync
// server (scripts/sync-server.js) between two Chromium profiles on the built app: device A holds
// `reviews` seeded answers (bench/seed.ts, written as the e2e seeding does) and turns sync on
// (its first upload), then device B turns sync on and receives them all (its first sync, with
// the progress line), then A answers 3 cards on /review and the time until they are in B's log
// (both live) is the incremental sync. Prints the machine's load average beside the figures.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, findBrowser, howToGetBrowser } from '../scripts/browser.js';
import { serveBuild } from '../scripts/serve.js';
import { answerByMouse } from '../tests/e2e/answering';
import { seedLog } from '../tests/e2e/seed-log';
import { answersStored } from '../tests/e2e/storage';
import { seedHistory } from './seed';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '100000' },
    port: { type: 'string', default: '4391' },
    'skip-build': { type: 'boolean', default: false }
  }
});
const reviewCount = Number(values.reviews);
const log = (message: string) => process.stdout.write(`${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`;
const user = 'bench';
const password = 'bench-password';

async function startServer(origin: string) {
  const child = spawn(
    process.execPath,
    [
      'scripts/sync-server.js',
      '--port',
      values.port as string,
      '--user',
      user,
      '--password',
      password,
      '--origin',
      origin
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  );
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /(http:\/\/\S+\/recall)/.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`sync server exited (${code})`)));
  });
  return { address, stop: () => child.kill() };
}

async function turnOn(page: Page, address: string): Promise<number> {
  await page.goto('/settings');
  await page.getByLabel('Server address').fill(address);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Remember the password on this device').check();
  const started = performance.now();
  await page.getByRole('button', { name: 'Turn on sync' }).click();
  let lastShown = '';
  for (;;) {
    const text = await page.locator('#sync-status').innerText();
    if (text.startsWith('Last synced')) break;
    if (text.startsWith('Receiving') && text.slice(0, 40) !== lastShown.slice(0, 40)) {
      log(`    ${seconds(performance.now() - started)}: ${text}`);
      lastShown = text;
    }
    await page.waitForTimeout(text.startsWith('Receiving') ? 5000 : 250);
  }
  return performance.now() - started;
}

async function receivedOn(page: Page): Promise<number> {
  const text = await page.locator('#sync-status').innerText();
  return Number(/([\d,]+) received/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
}

async function device(browser: Browser, origin: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 390, height: 844 }
  });
  const page = await context.newPage();
  page.on('crash', () => log('  (the page crashed)'));
  page.on('close', () => log('  (a page closed)'));
  context.on('close', () => log('  (a context closed)'));
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  return page;
}

async function main(): Promise<void> {
  const browserPath = findBrowser();
  if (!browserPath) {
    console.error(howToGetBrowser);
    process.exit(1);
  }
  if (!values['skip-build']) {
    const build = spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const app = await serveBuild();
  const server = await startServer(app.origin);
  const browser = await chromium.launch({ executablePath: browserPath, args: chromiumArgs });
  browser.on('disconnected', () => log('  (the browser went away)'));
  try {
    log(`sync of ${reviewCount.toLocaleString()} answers (${load()})`);
    const deck = JSON.parse(readFileSync(join('build', 'data', 'deck.json'), 'utf8')) as {
      cards: [string][];
    };
    const { entries } = seedHistory(
      deck.cards.map(([id]) => id),
      reviewCount,
      Date.now()
    );
    const a = await device(browser, app.origin);
    await a.goto('/');
    await seedLog(a, entries);
    log(`  seeded ${entries.length.toLocaleString()} answers on device A`);

    const upload = await turnOn(a, server.address);
    log(`  first sync, device A sends all: ${seconds(upload)} (${load()})`);

    const b = await device(browser, app.origin);
    await b.goto('/');
    const download = await turnOn(b, server.address);
    log(`  first sync, device B receives all: ${seconds(download)} (${load()})`);
    log(`  answers on B: ${(await answersStored(b)).toLocaleString()}`);
    if ((await answersStored(b)) < reviewCount) throw new Error('B did not receive every answer');

    // Incremental: 3 answers on A, both live; the time until they are in B's log.
    const before = await answersStored(b);
    await a.goto('/review');
    const receivedBefore = await receivedOn(b);
    for (let i = 0; i < 3; i += 1) await answerByMouse(a);
    const answered = performance.now();
    // Read from B's status line, in the page: polling IndexedDB from outside at this rate
    // made Chromium crash here.
    await b.waitForFunction(
      (want) => {
        const text = document.querySelector('#sync-status')?.textContent ?? '';
        const received = Number(/([\d,]+) received/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
        return received >= want && text.startsWith('Last synced');
      },
      receivedBefore + 3,
      { polling: 20, timeout: 60_000 }
    );
    log(
      `  incremental, 3 answers from A's last answer to B's log: ${((performance.now() - answered) / 1000).toFixed(2)} s (${load()})`
    );

    if ((await answersStored(b)) !== before + 3) throw new Error('B does not hold the 3 answers');
    // Incremental with "Sync now" on B (live replication stopped and started again around it).
    await a.goto('/review');
    for (let i = 0; i < 3; i += 1) await answerByMouse(a);
    await b.waitForTimeout(2000);
    await b.getByRole('button', { name: 'Sync now' }).click();
    const pressed = performance.now();
    await b
      .locator('#sync-status')
      .filter({ hasText: /^Last synced/ })
      .waitFor();
    log(
      `  "Sync now" on B, nothing new to receive: ${((performance.now() - pressed) / 1000).toFixed(2)} s`
    );
  } finally {
    await browser.close();
    server.stop();
    app.stop();
  }
}

await main();
