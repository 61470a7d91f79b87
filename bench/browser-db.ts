// What the benchmarks share (bench/run.ts, bench/backup.ts): a built copy of the app served
// and opened in headless Chromium, a seeded history written straight into its IndexedDB (raw
// IndexedDB, no app code, so seeding measures nothing of the app), and the longest main-thread
// task seen on a page.
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, findBrowser, howToGetBrowser } from '../scripts/browser.js';
import { serveBuild } from '../scripts/serve.js';
import type { CardState } from '../src/lib/core/review/scheduler';
import type { Seed } from './seed';

/** Log rows per seeding transaction. */
const seedChunk = 5000;

/** Serves `buildDir` and launches Chromium; `close` stops both. */
export async function openBench(
  buildDir: string
): Promise<{ browser: Browser; origin: string; close: () => Promise<void> }> {
  const browserPath = findBrowser();
  if (!browserPath) {
    console.error(howToGetBrowser);
    process.exit(1);
  }
  const server = await serveBuild(buildDir);
  const browser = await chromium.launch({ executablePath: browserPath, args: chromiumArgs });
  return {
    browser,
    origin: server.origin,
    close: async () => {
      await browser.close();
      server.stop();
    }
  };
}

/**
 * Writes `entries` into the app's review log (the page must be on the app, which has created
 * its database), `seedChunk` rows a transaction; `progress` hears the rows written.
 */
export async function seedLog(
  page: Page,
  entries: Seed['entries'],
  progress?: (written: number) => void
): Promise<void> {
  for (let i = 0; i < entries.length; i += seedChunk) {
    // As one JSON string: Playwright passes a string far faster than 5,000 objects.
    await page.evaluate(
      (json) =>
        new Promise<void>((done, fail) => {
          const rows = JSON.parse(json) as unknown[];
          const open = indexedDB.open('system-design-recall');
          open.onerror = () => fail(new Error('open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('reviews', 'readwrite');
            const store = tx.objectStore('reviews');
            for (const row of rows) store.add(row);
            tx.oncomplete = () => {
              db.close();
              done();
            };
            tx.onerror = () => fail(tx.error ?? new Error('write failed'));
          };
        }),
      JSON.stringify(entries.slice(i, i + seedChunk))
    );
    progress?.(Math.min(i + seedChunk, entries.length));
  }
}

/** Writes the card states and the database's device id, in one transaction. */
export async function seedStates(
  page: Page,
  states: ReadonlyMap<string, CardState>,
  device: string
): Promise<void> {
  const cards = [...states].map(([id, state]) => ({ id, ...state }));
  await page.evaluate(
    ({ json, device }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('system-design-recall');
        open.onerror = () => fail(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['cards', 'meta'], 'readwrite');
          for (const card of JSON.parse(json) as unknown[]) tx.objectStore('cards').put(card);
          tx.objectStore('meta').put({ key: 'device-id', value: device });
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error ?? new Error('write failed'));
        };
      }),
    { json: JSON.stringify(cards), device }
  );
}

/**
 * Records the page's long tasks (PerformanceObserver "longtask") from before its own code runs:
 * `longestTask` reads the longest since the last read, `longTasks` every one as [start, ms].
 */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { longest: number; tasks: [number, number][] };
    w.longest = 0;
    w.tasks = [];
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) {
        w.longest = Math.max(w.longest, task.duration);
        w.tasks.push([task.startTime, task.duration]);
      }
    }).observe({ type: 'longtask', buffered: true });
    // Chromium's long animation frames name the scripts that ran in them (`--tasks`).
    const frames: string[] = [];
    (window as unknown as { frames_: string[] }).frames_ = frames;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const frame = entry as PerformanceEntry & {
            blockingDuration?: number;
            scripts?: {
              duration: number;
              invoker: string;
              sourceFunctionName: string;
              sourceURL: string;
              forcedStyleAndLayoutDuration: number;
            }[];
          };
          const scripts = (frame.scripts ?? [])
            .filter((script) => script.duration >= 5)
            .map(
              (script) =>
                `${script.invoker} ${script.sourceFunctionName || '?'}@${script.sourceURL.split('/').pop()} ${script.duration.toFixed(0)} ms` +
                (script.forcedStyleAndLayoutDuration >= 5
                  ? ` (layout ${script.forcedStyleAndLayoutDuration.toFixed(0)})`
                  : '')
            );
          frames.push(
            `${frame.startTime.toFixed(0)} frame ${frame.duration.toFixed(0)} ms: ${scripts.join('; ') || 'no script over 5 ms'}`
          );
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // Not every browser has long animation frames.
    }
  });
}

/** The long animation frames seen so far, with the scripts that ran in each (Chromium). */
export async function longFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { frames_?: string[] }).frames_ ?? []);
}

/** The longest task since the last call (0: none over 50 ms), and starts again. */
export async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { longest: number };
    const longest = w.longest;
    w.longest = 0;
    return longest;
  });
}

/** Every long task seen on the page so far, as [start time, duration] in ms. */
export async function longTasks(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => (window as unknown as { tasks: [number, number][] }).tasks);
}
