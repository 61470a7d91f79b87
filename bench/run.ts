// `npm run bench`: builds the app with a generated library of 10,000 cards, seeds 100,000
// review-log rows into Chromium's IndexedDB, and prints medians over repeated runs of:
// navigation to the first card shown, answer to next card shown (p50 and p95), and the today
// page's counts query. Figures, not pass/fail: record them in the README.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import {
  longestTask,
  longFrames,
  longTasks,
  openBench,
  seedLog,
  seedStates,
  watchLongTasks
} from './browser-db';
import { writeLibrary } from './library';
import { seedDevice, seedHistory } from './seed';

const { values } = parseArgs({
  options: {
    cards: { type: 'string', default: '10000' },
    reviews: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    answers: { type: 'string', default: '25' },
    'skip-build': { type: 'boolean', default: false },
    /** Measure only the statistics page (no review runs, no history check). */
    'stats-only': { type: 'boolean', default: false },
    /** Print each long task on the statistics page beside its marks, and what ran in each long frame of the history check. */
    tasks: { type: 'boolean', default: false },
    /** Print every answer's time, with the kind of card answered, after each run. */
    each: { type: 'boolean', default: false },
    /**
     * Profile the page's CPU during the answers of the first run and print where it went; that
     * run is left out of the medians. Build with `MINIFY=0` for names (see vite.config.ts).
     */
    profile: { type: 'boolean', default: false },
    /** Seconds to wait after seeding before measuring (see seedDatabase). */
    settle: { type: 'string', default: '0' },
    /** Write a Chromium trace of the last statistics run to this file (chrome://tracing). */
    trace: { type: 'string' }
  }
});
const cardCount = Number(values.cards);
const reviewCount = Number(values.reviews);
const runs = Number(values.runs);
const answersPerRun = Number(values.answers);
const settleSeconds = Number(values.settle);
const lessons = Math.max(1, Math.round(cardCount / 100));
const root = resolve('bench/results');
const contentDir = join(root, 'content');
const buildDir = join(root, 'build');

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** Seeds the database; returns how many log rows it wrote. */
async function seedDatabase(page: Page, now: number): Promise<number> {
  const deck = JSON.parse(readFileSync(join(buildDir, 'data', 'deck.json'), 'utf8')) as {
    cards: [string][];
  };
  const ids = deck.cards.map(([id]) => id);
  const started = performance.now();
  const { entries, states, scheduled } = seedHistory(ids, reviewCount, now);
  log(
    `  generated ${entries.length} log rows (${scheduled} scheduled answers, ${entries.length - scheduled} study-ahead answers) for ${states.size} of ${ids.length} cards in ${ms(performance.now() - started)}`
  );
  const dueToday = [...states.values()].filter((s) => s.due <= now + 12 * 3_600_000).length;
  log(`  ${dueToday} cards due within 12 hours of the benchmark's clock`);

  const writeStart = performance.now();
  await seedLog(page, entries, (written) =>
    process.stdout.write(`\r  review log: ${written} / ${entries.length} rows`)
  );
  process.stdout.write('\n');
  await seedStates(page, states, seedDevice);
  log(`  card states: ${states.size} rows; seeding took ${ms(performance.now() - writeStart)}`);
  if (settleSeconds > 0) {
    // Chromium compacts its database files for a while after a large write, which slows every
    // page meanwhile (the deck's download as much as the log's reads): a learner's history was
    // not written a minute ago.
    log(`  waiting ${settleSeconds} s for the database to settle (--settle)`);
    await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
  }
  return entries.length;
}

/** Fixes the page's clock to the seed's "now", so due counts match the seeded history. */
async function freezeClockScript(page: Page, now: number): Promise<void> {
  await page.addInitScript((now) => {
    const offset = now - Date.now();
    const RealDate = Date;
    // Date.now() only: the app reads time through it; timers keep real time.
    RealDate.now = () => new RealDate().getTime() + offset;
  }, now);
}

/**
 * The floor under one answer: a bare IndexedDB transaction of the same shape (read a card
 * state, add a log row, put the state), on the app's own database with its indexes and seeded
 * rows, in the same page. The rows it writes are removed afterwards.
 */
async function measureFloor(page: Page, count: number): Promise<number[]> {
  // Written without named inner functions: the page runs this source as it is, and the
  // TypeScript loader would wrap named ones in a helper the page does not have.
  return page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('system-design-recall');
      open.onerror = () => reject(new Error('open failed'));
      open.onsuccess = () => resolve(open.result);
    });
    const times: number[] = [];
    const keys: IDBValidKey[] = [];
    for (let i = 0; i < count; i += 1) {
      await new Promise<void>((resolve, reject) => {
        const started = performance.now();
        const tx = db.transaction(['reviews', 'cards'], 'readwrite');
        const cards = tx.objectStore('cards');
        const read = cards.get('bench-floor');
        read.onsuccess = () => {
          const state = read.result ?? { id: 'bench-floor', due: 0, reps: 0 };
          const add = tx.objectStore('reviews').add({
            id: `01BENCHF100R${String(i).padStart(14, '0')}`,
            cardId: 'bench-floor',
            rating: 3,
            reviewedAt: Date.now(),
            durationMs: 4000,
            mode: 'review',
            scheduled: true,
            params: {
              retention: 0.9,
              maxIntervalDays: 36500,
              learningSteps: ['1m', '10m'],
              relearningSteps: ['10m'],
              fuzz: true
            },
            before: state,
            after: state
          });
          add.onsuccess = () => keys.push(add.result);
          cards.put({ ...state, reps: (state.reps ?? 0) + 1 });
        };
        tx.oncomplete = () => {
          times.push(performance.now() - started);
          resolve();
        };
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
    }
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['reviews', 'cards'], 'readwrite');
      for (const key of keys) tx.objectStore('reviews').delete(key);
      tx.objectStore('cards').delete('bench-floor');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('clean-up failed'));
    });
    db.close();
    return times;
  }, count);
}

/**
 * The same bare transaction, started by a key press as an answer is (Playwright's keyboard, a
 * listener on the page): what a key-started answer cannot go below on this page, frame and
 * input handling included.
 */
async function measureKeyFloor(page: Page, count: number): Promise<number[]> {
  await page.evaluate(() => {
    const page = window as unknown as { floorTimes: number[] };
    page.floorTimes = [];
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'F8') return;
        event.stopImmediatePropagation();
        const open = indexedDB.open('system-design-recall');
        open.onsuccess = () => {
          const db = open.result;
          // Timed from the transaction, as the app's database is already open.
          const begun = performance.now();
          const tx = db.transaction(['reviews', 'cards'], 'readwrite');
          const cards = tx.objectStore('cards');
          const read = cards.get('bench-floor');
          read.onsuccess = () => {
            const state = read.result ?? { id: 'bench-floor', due: 0, reps: 0 };
            const add = tx.objectStore('reviews').add({
              id: `01BENCHK3YF100R${String(page.floorTimes.length).padStart(11, '0')}`,
              cardId: 'bench-floor',
              rating: 3,
              reviewedAt: Date.now(),
              before: state,
              after: state
            });
            add.onsuccess = () => tx.objectStore('reviews').delete(add.result);
            cards.put({ ...state, reps: (state.reps ?? 0) + 1 });
          };
          tx.oncomplete = () => {
            page.floorTimes.push(performance.now() - begun);
            db.close();
          };
        };
      },
      { capture: true }
    );
  });
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press('F8');
    await page.waitForFunction(
      (n) => (window as unknown as { floorTimes: number[] }).floorTimes.length > n,
      i
    );
  }
  const times = await page.evaluate(
    () => (window as unknown as { floorTimes: number[] }).floorTimes
  );
  // Its rows were deleted as it went; the card state it wrote goes too, so the history check
  // afterwards finds only the app's own.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('system-design-recall');
        open.onsuccess = () => {
          const tx = open.result.transaction('cards', 'readwrite');
          tx.objectStore('cards').delete('bench-floor');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('clean-up failed'));
        };
      })
  );
  return times;
}

/**
 * Profiles the page's JavaScript, sampled every 50 µs, from each answer until its next card is
 * shown (the marks `review:answer` and `review:card-shown`, through console.profile). `stop`
 * returns the functions that ran longest themselves in those windows, all answers added up, with
 * each one's share: what the answer's path spends its time on, from Chromium's own profiler.
 */
async function startProfile(page: Page): Promise<{ stop: () => Promise<string[]> }> {
  const cdp = await page.context().newCDPSession(page);
  const profiles: {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples?: number[];
    timeDeltas?: number[];
  }[] = [];
  cdp.on('Profiler.consoleProfileFinished', ({ profile }) => profiles.push(profile));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await page.evaluate(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      if (name === 'review:card-shown') console.profileEnd('answer');
      const made = mark(name, options);
      if (name === 'review:answer') console.profile('answer');
      return made;
    };
  });
  return {
    async stop() {
      await page.evaluate(() => {
        delete (performance as { mark?: unknown }).mark;
      });
      await cdp.send('Profiler.disable');
      await cdp.detach();
      const self = new Map<string, number>();
      let busy = 0;
      for (const profile of profiles) {
        const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
        const deltas = profile.timeDeltas ?? [];
        (profile.samples ?? []).forEach((id, i) => {
          const frame = nodes.get(id)?.callFrame;
          // A sample's time is the gap to the next one.
          const us = deltas[i + 1] ?? 0;
          // The wrapper above starts the profile: its own cost is not the answer's.
          if (
            !frame ||
            frame.functionName === '(idle)' ||
            frame.functionName === 'performance.mark'
          )
            return;
          const file = frame.url.split('/').pop() || '';
          const name = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
          self.set(name, (self.get(name) ?? 0) + us);
          busy += us;
        });
      }
      return [
        `profile of ${profiles.length} answers: ${(busy / 1000).toFixed(1)} ms busy in all`,
        ...[...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 30)
          .map(
            ([name, us]) =>
              `${(us / 1000).toFixed(2).padStart(6)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${name}`
          )
      ];
    }
  };
}

/**
 * The marks of the first card's parts: the page's code begins (and with it the reads of the deck
 * and the states, routes/review/+page.ts), then each arrives (state/session.svelte.ts).
 */
const firstCardMarks = ['review:load', 'review:deck-read', 'review:states-read', 'review:planned'];

async function measureRun(
  page: Page,
  base: string,
  profile = false
): Promise<
  | {
      firstCard: number;
      /** When each part of the first card arrived (ms since navigation): code, deck, states, plan. */
      firstCardParts: number[];
      answers: number[];
      /** The kind of each card answered (its label), beside `answers`. */
      kinds: string[];
      /** From the key press until the answer's transaction completed. */
      saves: number[];
      floor: number[];
      /** The bare transaction started by a key press. */
      keyFloor: number[];
      today: number;
      todayReady: number;
      /** The today page complete on a second visit, the database's files already open. */
      todayAgain: number;
      /** Where the page's CPU went during the answers (`--profile`), one line per function. */
      profileLines: string[];
    }
  | undefined
> {
  // The today page twice: the first visit of a run is the first page to open the database
  // since the last page closed, so it also pays for the browser opening its files; the second
  // finds them open, as a page after another page of the app does.
  const todayVisits: number[][] = [];
  for (let visit = 0; visit < 2; visit += 1) {
    await page.goto(`${base}/`);
    await page.waitForFunction(
      () => performance.getEntriesByName('today:ready').length > 0,
      undefined,
      { timeout: 60_000 }
    );
    todayVisits.push(
      await page.evaluate(() =>
        ['today:counts', 'today:ready'].map(
          (name) => performance.getEntriesByName(name)[0]?.duration ?? Number.NaN
        )
      )
    );
  }
  const [today, todayReady] = todayVisits[0] ?? [];
  const todayAgain = todayVisits[1]?.[1];

  await page.goto(`${base}/review`);
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('review:card-shown').length > 0 ||
      document.getElementById('done-heading') !== null,
    undefined,
    { timeout: 60_000 }
  );
  // The runs before answered every card due: nothing left to measure.
  if (await page.locator('#done-heading').isVisible()) return undefined;
  const firstCard = await page.evaluate(
    () => performance.getEntriesByName('review:card-shown')[0]?.startTime ?? Number.NaN
  );
  const firstCardParts = await page.evaluate(
    (names) => names.map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN),
    firstCardMarks
  );

  const profiler = profile ? await startProfile(page) : undefined;
  const answers: number[] = [];
  const kinds: string[] = [];
  const saves: number[] = [];
  for (let i = 0; i < answersPerRun; i += 1) {
    const kind = await page.locator('.review-card .kind').innerText();
    if (/choose/i.test(kind)) {
      await page.locator('.review-card input').first().check();
      await page.getByRole('button', { name: 'Check', exact: true }).click();
    } else if (/order/i.test(kind)) {
      await page.getByRole('button', { name: 'Check', exact: true }).click();
    } else {
      await page.getByRole('button', { name: 'Show answer' }).click();
    }
    const [shownBefore, savedBefore] = await page.evaluate(() =>
      ['review:card-shown', 'review:saved'].map((name) => performance.getEntriesByName(name).length)
    );
    await page.keyboard.press('3');
    // The next card shows while the answer is written: wait for both.
    const done = await page
      .waitForFunction(
        ([shown, saved]) =>
          performance.getEntriesByName('review:card-shown').length > (shown ?? 0) &&
          performance.getEntriesByName('review:saved').length > (saved ?? 0),
        [shownBefore, savedBefore],
        { timeout: 10_000 }
      )
      .then(() => true)
      .catch(() => false);
    if (!done) break; // the queue ran out
    // No named inner functions in page code (see measureFloor).
    const [total, saving] = await page.evaluate(() =>
      ['review:card-shown', 'review:saved'].map(
        (name) =>
          (performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN) -
          (performance.getEntriesByName('review:answer').at(-1)?.startTime ?? Number.NaN)
      )
    );
    answers.push(total ?? Number.NaN);
    kinds.push(kind);
    saves.push(saving ?? Number.NaN);
  }
  const profileLines = profiler ? await profiler.stop() : [];
  const floor = await measureFloor(page, Math.max(25, answersPerRun));
  const keyFloor = await measureKeyFloor(page, Math.max(25, answersPerRun));
  return {
    firstCard,
    firstCardParts,
    answers,
    kinds,
    saves,
    floor,
    keyFloor,
    today: today ?? Number.NaN,
    todayReady: todayReady ?? Number.NaN,
    todayAgain: todayAgain ?? Number.NaN,
    profileLines
  };
}

/**
 * The statistics page: navigation until its first chart is drawn, until every chart is, and the
 * longest task on the page meanwhile (observed from before the page's own code runs).
 */
async function measureStats(
  page: Page,
  base: string
): Promise<{ firstChart: number; ready: number; longestTask: number; timeline: string }> {
  await watchLongTasks(page);
  await page.goto(`${base}/stats`);
  await page.waitForFunction(
    () => performance.getEntriesByName('stats:ready').length > 0,
    undefined,
    { timeout: 120_000 }
  );
  // A moment for the last task to be reported.
  await page.waitForTimeout(200);
  const [firstChart, ready] = await page.evaluate(() => [
    performance.getEntriesByName('stats:first-chart')[0]?.startTime ?? Number.NaN,
    performance.getEntriesByName('stats:ready')[0]?.startTime ?? Number.NaN
  ]);
  const tasks = await longTasks(page);
  const longest = Math.max(0, ...tasks.map(([, duration]) => duration));
  // The long tasks and the page's marks in time order (`--tasks`): where the time goes.
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((mark) => mark.name.startsWith('stats:'))
      .map((mark) => [mark.startTime, mark.name] as const)
  );
  const timeline = [
    ...tasks.map(([start, duration]) => [start, `task ${duration.toFixed(0)} ms`] as const),
    ...marks
  ]
    .sort((a, b) => a[0] - b[0])
    .map(([at, what]) => `${at.toFixed(0)} ${what}`)
    .join(' · ');
  return {
    firstChart: firstChart ?? Number.NaN,
    ready: ready ?? Number.NaN,
    longestTask: longest,
    timeline
  };
}

async function main(): Promise<void> {
  mkdirSync(root, { recursive: true });
  if (!values['skip-build']) {
    log(`Generating ${lessons} lessons with about ${cardCount} cards…`);
    const made = writeLibrary(contentDir, lessons, Math.round(cardCount / lessons));
    log(`  ${made} cards written to ${contentDir}`);
    log('Building the app with the generated library…');
    const build = spawnSync('npm', ['run', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CONTENT_DIR: contentDir, BUILD_DIR: buildDir }
    });
    if (build.status !== 0) throw new Error('build failed');
  }
  const deckBytes = readFileSync(join(buildDir, 'data', 'deck.json')).length;
  log(`  deck index: ${(deckBytes / 1024).toFixed(0)} KiB`);

  const { browser, origin: base, close } = await openBench(buildDir);
  try {
    const now = Date.UTC(2026, 10, 27, 10);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await freezeClockScript(page, now);
    // Opening the review page lets the app create its database, then the seed fills it.
    await page.goto(`${base}/review`);
    await page.waitForSelector('.review-card, .done', { timeout: 60_000 });
    log(`Seeding ${reviewCount} review-log rows into Chromium's IndexedDB…`);
    const seededRows = await seedDatabase(page, now);
    // The seeding page is an open app: left on /review it would follow every answer of the
    // runs as another tab does, and its reads would compete with theirs.
    await page.goto('about:blank');

    const statsResults: Awaited<ReturnType<typeof measureStats>>[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const statsPage = await context.newPage();
      statsPage.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
      await freezeClockScript(statsPage, now + run * 1000);
      const tracing = values.trace !== undefined && run === runs;
      if (tracing)
        await browser.startTracing(statsPage, {
          path: values.trace,
          screenshots: false,
          categories: [
            'devtools.timeline',
            'disabled-by-default-devtools.timeline',
            'v8.execute',
            'disabled-by-default-v8.cpu_profiler'
          ]
        });
      const result = await measureStats(statsPage, base);
      if (tracing) await browser.stopTracing();
      await statsPage.close();
      statsResults.push(result);
      log(
        `  stats run ${run}: first chart ${ms(result.firstChart)}, every chart ${ms(result.ready)}, longest task ${ms(result.longestTask)}`
      );
      if (values.tasks) log(`    ${result.timeline}`);
    }
    const statsLine = `stats: first chart ${median(statsResults.map((r) => r.firstChart)).toFixed(0)} ms, longest task ${median(statsResults.map((r) => r.longestTask)).toFixed(0)} ms (every chart ${median(statsResults.map((r) => r.ready)).toFixed(0)} ms; targets < 500 ms and ≤ 50 ms)`;
    if (values['stats-only']) {
      log('');
      log(statsLine);
      return;
    }

    const results: NonNullable<Awaited<ReturnType<typeof measureRun>>>[] = [];
    for (let run = 1; run <= runs; run += 1) {
      // Each run: a fresh page in the same profile, so the seeded data stays.
      const runPage = await context.newPage();
      // A page error would stall a run until its time-out: show it at once.
      runPage.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
      runPage.on('console', (message) => {
        if (message.type() === 'error') console.error(`  console error: ${message.text()}`);
      });
      await freezeClockScript(runPage, now + run * 1000);
      const result = await measureRun(runPage, base, values.profile && run === 1);
      await runPage.close();
      if (!result) {
        log(
          `  run ${run}: no card left to answer (the runs before used up the due cards: ask for fewer --runs or --answers)`
        );
        break;
      }
      for (const line of result.profileLines) log(`    ${line}`);
      // The profiler slows the page it samples: that run's figures are not the app's.
      if (result.profileLines.length > 0)
        log(`  run ${run} was profiled (--profile): left out of the medians`);
      else results.push(result);
      if (values.each)
        log(
          `  run ${run} answers: ${result.answers.map((t, i) => `${ms(t)} ${result.kinds[i]}`).join(', ')}`
        );
      log(
        `  run ${run}: first card ${ms(result.firstCard)}, answer→next p50 ${ms(median(result.answers))} p95 ${ms(percentile(result.answers, 95))} (${result.answers.length} answers), bare transaction p95 ${ms(percentile(result.floor, 95))}, today's counts ${ms(result.today)}, today page complete ${ms(result.todayReady)} (again ${ms(result.todayAgain)})`
      );
    }
    // Once, after the runs: replaying the whole log is a repair the learner asks for.
    const checkPage = await context.newPage();
    await freezeClockScript(checkPage, now + (runs + 1) * 1000);
    await watchLongTasks(checkPage);
    await checkPage.goto(`${base}/settings`);
    // The check must not freeze the page: the longest task while it runs (not the page's start).
    await longestTask(checkPage);
    await checkPage.getByRole('button', { name: 'Check review history' }).click();
    await checkPage.waitForFunction(
      () => performance.getEntriesByName('history-check').length > 0,
      undefined,
      { timeout: 120_000 }
    );
    const historyCheckMs = await checkPage.evaluate(
      () => performance.getEntriesByName('history-check')[0]?.duration ?? Number.NaN
    );
    const longestTaskMs = await longestTask(checkPage);
    log(`  ${await checkPage.locator('#history-check-result').innerText()}`);
    if (values.tasks) {
      // What ran in each long frame during the check.
      const clicked = await checkPage.evaluate(
        () => performance.getEntriesByName('history-check:start')[0]?.startTime ?? 0
      );
      for (const frame of await longFrames(checkPage))
        if (Number.parseFloat(frame) >= clicked - 50) log(`    ${frame}`);
    }
    await checkPage.close();
    const summary = {
      cards: JSON.parse(readFileSync(join(buildDir, 'data', 'deck.json'), 'utf8')).cards
        .length as number,
      reviews: reviewCount,
      seededRows,
      runs: results.length,
      firstCardMs: median(results.map((r) => r.firstCard)),
      firstCardPartsMs: firstCardMarks.map((_, i) =>
        median(results.map((r) => r.firstCardParts[i] ?? Number.NaN))
      ),
      answerP50Ms: median(results.map((r) => median(r.answers))),
      answerP95Ms: median(results.map((r) => percentile(r.answers, 95))),
      saveP50Ms: median(results.map((r) => percentile(r.saves, 50))),
      saveP95Ms: median(results.map((r) => percentile(r.saves, 95))),
      keyFloorP95Ms: median(results.map((r) => percentile(r.keyFloor, 95))),
      floorP50Ms: median(results.map((r) => median(r.floor))),
      floorP95Ms: median(results.map((r) => percentile(r.floor, 95))),
      todayCountsMs: median(results.map((r) => r.today)),
      todayReadyMs: median(results.map((r) => r.todayReady)),
      todayAgainMs: median(results.map((r) => r.todayAgain)),
      historyCheckMs,
      historyCheckLongestTaskMs: longestTaskMs,
      statsFirstChartMs: median(statsResults.map((r) => r.firstChart)),
      statsReadyMs: median(statsResults.map((r) => r.ready)),
      statsLongestTaskMs: median(statsResults.map((r) => r.longestTask))
    };
    log('');
    log(
      `Medians over ${results.length} runs (${summary.cards} cards, ${summary.seededRows} review-log rows seeded, Chromium, 390×844):`
    );
    log(`  navigation to first card shown   ${ms(summary.firstCardMs)}   (target < 300 ms)`);
    log(
      `    parts arrived at (since navigation): ${firstCardMarks.map((name, i) => `${name.replace('review:', '')} ${ms(summary.firstCardPartsMs[i] ?? Number.NaN)}`).join(', ')}`
    );
    log(`  answer to next card shown, p50   ${ms(summary.answerP50Ms)}`);
    log(`  answer to next card shown, p95   ${ms(summary.answerP95Ms)}`);
    log(
      `  answer until stored (the next card shows while it is written), p50 ${ms(summary.saveP50Ms)}, p95 ${ms(summary.saveP95Ms)}`
    );
    log(
      `  bare IndexedDB transaction of one answer's shape, p50 ${ms(summary.floorP50Ms)}, p95 ${ms(summary.floorP95Ms)}`
    );
    log(`  the same, started by a key press as an answer is, p95 ${ms(summary.keyFloorP95Ms)}`);
    log(
      `  answer p95 / bare transaction p95 = ${(summary.answerP95Ms / summary.floorP95Ms).toFixed(2)}×   (target ≤ 2.5×)`
    );
    log(`  today's counts query             ${ms(summary.todayCountsMs)}`);
    log(`  today page complete (streak, next due, progress) ${ms(summary.todayReadyMs)}`);
    log(`  the same, visited again (the database's files open) ${ms(summary.todayAgainMs)}`);
    log(
      `  "Check review history" (replay of the whole log, one run) ${ms(historyCheckMs)}, longest task ${longestTaskMs > 0 ? ms(longestTaskMs) : 'none over 50 ms'}`
    );
    log(`  ${statsLine}`);
    writeFileSync(join(root, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
