import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { seedHistory } from '../../bench/seed';
import { everyPage, screens } from '../e2e/fixtures';

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 }
] as const;

/** Text a page shows while it still reads or counts ("Counting what is due…"). */
const stillLoading = /^(Counting|Loading|Reading)\b.*…$/;

/**
 * Each shot: a page, what to do on it, and what shows only once it is drawn in full (the
 * picture waits for it, and for no "…" of loading text left).
 */
const shots: {
  name: string;
  path: string;
  prepare?: (page: Page) => Promise<void>;
  finished: (page: Page) => Locator[];
  /** Taller than the window: this much of the page, from the top, in a window this tall. */
  height?: number;
}[] = [
  {
    name: 'home',
    path: '/',
    finished: (page) => [
      page.getByText(/^\d+ cards? to study now\.$/),
      page.getByRole('heading', { name: 'Progress by lesson' })
    ]
  },
  {
    name: 'lessons',
    path: '/lessons',
    // Each lesson's progress comes from the database after the list is drawn.
    finished: (page) => [page.getByText(/^(Not started|\d+ of \d+ started)/).first()]
  },
  {
    name: 'lesson',
    path: '/lessons/scaling-from-one-user-to-millions#load-balancer',
    finished: (page) => [page.locator('#load-balancer').getByRole('img').first()]
  },
  {
    name: 'review',
    path: '/review',
    // The rating buttons with their intervals (the scheduler loads after the buttons show).
    finished: (page) => [page.getByRole('button', { name: /^Good · \S/ })],
    prepare: async (page) => {
      // The second new card is a scenario choice: answer it to show the explanations.
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.keyboard.press('3');
      await page.locator('.review-card input').nth(1).check();
      await page.getByRole('button', { name: 'Check' }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  },
  {
    name: 'stats',
    path: '/stats',
    height: 1500,
    prepare: async (page) => {
      // Two months of a steady learner's answers (the benchmark's simulation), then the page.
      await seedAnswers(page, 2500);
      await page.reload();
    },
    finished: (page) => [
      page.getByRole('img', { name: /^Due in the next 30 days/ }),
      page.getByRole('img', { name: /^Reviews per day/ })
    ]
  }
];

/** Writes a simulated history into the app's database (made with the app's own scheduler). */
async function seedAnswers(page: Page, reviews: number): Promise<void> {
  const deck = JSON.parse(readFileSync('build/data/deck.json', 'utf8')) as { cards: [string][] };
  const { entries, states } = seedHistory(
    deck.cards.map(([id]) => id),
    reviews,
    Date.now()
  );
  await page.evaluate(
    (json) =>
      new Promise<void>((done, fail) => {
        const { rows, cards } = JSON.parse(json) as { rows: unknown[]; cards: unknown[] };
        const open = indexedDB.open('system-design-recall');
        open.onerror = () => fail(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['reviews', 'cards'], 'readwrite');
          tx.objectStore('reviews').clear();
          for (const row of rows) tx.objectStore('reviews').add(row);
          for (const card of cards) tx.objectStore('cards').put(card);
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error ?? new Error('write failed'));
        };
      }),
    JSON.stringify({ rows: entries, cards: [...states].map(([id, state]) => ({ id, ...state })) })
  );
}

for (const size of sizes) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${size.name} ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      // A returning learner: the first-run guide already seen.
      await page.addInitScript(() => localStorage.setItem('sdr-guide-seen', '1'));
      for (const shot of shots) {
        await page.goto(shot.path);
        await shot.prepare?.(page);
        for (const part of shot.finished(page)) await expect(part).toBeVisible();
        await expect(page.getByText(stillLoading)).toHaveCount(0);
        await page.waitForLoadState('networkidle');
        // A taller window rather than a full-page picture: in one of those the fixed tab bar
        // stays where the window's bottom was, over the middle of the page.
        if (shot.height) await page.setViewportSize({ width: size.width, height: shot.height });
        await page.screenshot({
          path: `docs/screenshots/${shot.name}-${size.name}-${colorScheme}.png`
        });
        await page.setViewportSize({ width: size.width, height: size.height });
      }
    });
  }
}

// ALL_PAGES=1: every page at every checked size in both themes, full length, for looking at
// (test-results/pages/, not committed).
if (process.env.ALL_PAGES === '1') {
  /** `/` is home; `/lessons/x` is lessons-x. */
  const fileName = (path: string) => (path === '/' ? 'home' : path.slice(1).replaceAll('/', '-'));
  const take = (page: Page, name: string, width: number, colorScheme: string) =>
    page.screenshot({
      path: `test-results/pages/${name}-${width}-${colorScheme}.png`,
      fullPage: true
    });

  for (const { width, height } of screens) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`every page at ${width} px, ${colorScheme}`, async ({ page }) => {
        test.setTimeout(180_000);
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        await page.addInitScript(() => localStorage.setItem('sdr-guide-seen', '1'));
        for (const path of everyPage()) {
          await page.goto(path);
          await expect(page.locator('h1')).toHaveCount(1);
          await page.waitForLoadState('networkidle');
          await take(page, fileName(path), width, colorScheme);
        }
        // A session's card, then its answer.
        await page.goto('/review');
        await page.getByRole('button', { name: 'Show answer' }).click();
        await expect(page.getByRole('button', { name: /^Good\b/ })).toBeVisible();
        await take(page, 'review-answer', width, colorScheme);
      });
    }
  }
}
