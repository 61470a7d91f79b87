import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { seedHistory } from '../../bench/seed';
import { answerByMouse } from './answering';
import { expect, seriousA11yViolations, test } from './fixtures';

const chartNames = [
  /^Reviews per day/,
  /^Due in the next 30 days/,
  /^Retention/,
  /^Mastery by topic/
];

/** Writes a simulated history (the benchmark's, made with the app's scheduler) into the app's database. */
async function seedAnswers(page: Page, reviews: number): Promise<void> {
  const deck = JSON.parse(readFileSync('build/data/deck.json', 'utf8')) as { cards: [string][] };
  const { entries, states } = seedHistory(
    deck.cards.map(([id]) => id),
    reviews,
    Date.now()
  );
  // The app opens (and so creates) its database first; the rows then go straight in.
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Start review' })).toBeVisible();
  await page.evaluate(
    (json) =>
      new Promise<void>((done, fail) => {
        const { rows, cards } = JSON.parse(json) as { rows: unknown[]; cards: unknown[] };
        const open = indexedDB.open('system-design-recall');
        open.onerror = () => fail(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['reviews', 'cards'], 'readwrite');
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

async function expectCharts(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  for (const name of chartNames)
    await expect(page.getByRole('img', { name }).first()).toBeVisible();
}

test('after answering cards, the statistics show the four charts, online and offline', async ({
  page,
  context
}) => {
  await page.goto('/review');
  for (let i = 0; i < 3; i += 1) await answerByMouse(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  await expectCharts(page);
  await expect(page.getByRole('img', { name: /^Reviews per day.*: 3 answers/ })).toBeVisible();
  await expect(
    page.getByText(/Studied on 1 of the last 30 days and 1 of the last 365/)
  ).toBeVisible();
  await expect(page.getByText('Streak: 1 day.')).toBeVisible();
  // Pointing at today's square tells its figures.
  await page.locator('.heatmap svg').scrollIntoViewIfNeeded();
  const today = await page.locator('.heatmap rect.today').boundingBox();
  if (!today) throw new Error("today's square is not drawn");
  await page.mouse.move(today.x + today.width / 2, today.y + today.height / 2);
  await expect(page.locator('.heatmap .readout')).toHaveText(/^\d{4}-\d{2}-\d{2}: 3 answers/);
  // Three new cards answered Good are in their learning steps.
  await expect(page.locator('dt:text-is("Learning") + dd')).toHaveText('3');
  await expect(page.locator('dt:text-is("Relearning") + dd')).toHaveText('0');

  // The page is precached with the others.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.reload();
  await expectCharts(page);
  await expect(page.getByRole('img', { name: /^Reviews per day.*: 3 answers/ })).toBeVisible();
});

test('a lesson and a topic narrow every figure', async ({ page }) => {
  await seedAnswers(page, 3000);
  await page.goto('/stats');
  await expectCharts(page);
  const all = await page.getByRole('img', { name: /^Reviews per day/ }).getAttribute('aria-label');
  expect(all).toMatch(/3,000 answers/);
  // Lesson 1's topics are drawn on the scaling journey.
  await expect(
    page.getByRole('img', { name: /^Mastery by topic, on the scaling journey: 1\. Single server/ })
  ).toBeVisible();

  await page
    .getByRole('combobox', { name: 'Lesson' })
    .selectOption({ label: 'Consistent hashing' });
  await expect(
    page.getByRole('img', { name: /^Mastery by topic, on the scaling journey/ })
  ).toHaveCount(0);
  // Another lesson's topics are a list with bars, open when it is the one chosen.
  const topics = page.getByRole('list', { name: 'Mastery by topic, Consistent hashing' });
  await expect(topics.getByRole('listitem')).toHaveCount(5);
  const lesson = await page
    .getByRole('img', { name: /^Reviews per day/ })
    .getAttribute('aria-label');
  expect(lesson).not.toBe(all);
  const topic = page.getByRole('combobox', { name: 'Topic' });
  await expect(topic).toBeEnabled();
  const firstTopic = ((await topic.locator('option').nth(1).textContent()) ?? '').trim();
  await topic.selectOption({ index: 1 });
  await expect(topics.getByRole('listitem')).toHaveCount(1);
  await expect(topics.getByRole('link', { name: firstTopic })).toHaveAttribute(
    'href',
    /\/lessons\/consistent-hashing#/
  );
  await expect(page.getByRole('img', { name: /^Retention/ })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [320, 1280]) {
    test(`axe finds nothing serious on /stats, ${colorScheme} at ${width} px, and nothing sticks out`, async ({
      page
    }) => {
      // Seeding, every table opened, then axe over the whole page: slower than most specs.
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 900 });
      await seedAnswers(page, 1000);
      await page.goto('/stats');
      await expectCharts(page);
      for (const details of await page.locator('details').all()) {
        if (!(await details.getAttribute('open'))) await details.locator('summary').click();
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // A bar chart's labels stay inside it (the forecast's last date ran off a phone's card).
      const outside = await page.locator('.bars svg').evaluateAll((charts) =>
        charts.flatMap((chart) => {
          const edge = chart.getBoundingClientRect();
          return [...chart.querySelectorAll('text')]
            .filter((text) => {
              const box = text.getBoundingClientRect();
              return box.left < edge.left - 1 || box.right > edge.right + 1;
            })
            .map((text) => text.textContent);
        })
      );
      expect(outside).toEqual([]);
    });
  }
}
