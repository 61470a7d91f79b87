// `npm run bench:optimizer`: builds the app, seeds a simulated learner's review log (50,000
// scheduled answers by default) into Chromium's IndexedDB, presses "Optimize parameters" in
// Settings and prints, per run, the time until both fits are shown, the training call's own
// time (fsrs-browser in the worker) and the longest task on the page's main thread meanwhile.
// Figures, not pass/fail: record them in the README.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs, findBrowser, howToGetBrowser } from '../scripts/browser.js';
import { serveBuild } from '../scripts/serve.js';
import { defaultSettings } from '../src/lib/core/review/settings';
import { simulatedHistory } from '../src/lib/test/learner';
import { seedLog } from '../tests/e2e/seed-log';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
    'skip-build': { type: 'boolean', default: false }
  }
});
const answers = Number(values.reviews);
const runs = Number(values.runs);
const log = (message: string) => process.stdout.write(`${message}\n`);

if (!values['skip-build']) {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const executablePath = findBrowser();
if (!executablePath) {
  console.error(howToGetBrowser);
  process.exit(1);
}

const started = performance.now();
const rows = simulatedHistory({ answers, now: Date.now(), cramEvery: 10 });
log(
  `generated ${rows.length} log rows (${answers} scheduled answers, ${rows.length - answers} study-ahead) in ${Math.round(performance.now() - started)} ms`
);

const server = await serveBuild();
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await seedLog(page, rows, defaultSettings, (written) =>
    process.stdout.write(`\r  review log: ${written} / ${rows.length} rows`)
  );
  process.stdout.write('\n');
  for (let run = 1; run <= runs; run += 1) {
    await page.goto(`${server.origin}/settings`);
    const section = page.getByRole('region', { name: 'Optimize parameters' });
    await section.scrollIntoViewIfNeeded();
    const history = section.getByText(/Your history: [\d,]+ reviews/);
    await history.waitFor({ timeout: 120_000 });
    const reviews = (await history.innerText()).match(/([\d,]+) reviews/)?.[1];
    // Watched in the page, without Playwright's own queries (long tasks themselves) meanwhile.
    await page.evaluate(() => {
      const watch = { start: performance.now(), longest: 0, over50: 0 };
      (window as unknown as { watch: typeof watch }).watch = watch;
      new PerformanceObserver((list) => {
        for (const task of list.getEntries()) {
          watch.longest = Math.max(watch.longest, task.duration);
          if (task.duration > 50) watch.over50 += 1;
        }
      }).observe({ type: 'longtask' });
    });
    await section.getByRole('button', { name: 'Optimize parameters' }).click();
    const { totalMs, longestTaskMs, tasksOver50 } = await page.evaluate(
      () =>
        new Promise<{ totalMs: number; longestTaskMs: number; tasksOver50: number }>((resolve) => {
          const timer = setInterval(() => {
            if (!document.querySelector('[aria-labelledby="optimizer"] table')) return;
            clearInterval(timer);
            const { watch } = window as unknown as {
              watch: { start: number; longest: number; over50: number };
            };
            resolve({
              totalMs: performance.now() - watch.start,
              longestTaskMs: watch.longest,
              tasksOver50: watch.over50
            });
          }, 20);
        })
    );
    const trained = await section.getByText(/Trained in [\d.]+ s/).innerText();
    const losses = await section.getByRole('table').innerText();
    log(
      `run ${run}: ${reviews} reviews; press to both fits shown ${(totalMs / 1000).toFixed(1)} s; ${trained.match(/Trained in [\d.]+ s/)?.[0]}; longest main-thread task ${longestTaskMs.toFixed(0)} ms (${tasksOver50} over 50 ms)`
    );
    if (run === 1) log(losses.replace(/\s*\n\s*/g, ' | '));
  }
  await context.close();
} finally {
  await browser.close();
  server.stop();
}
