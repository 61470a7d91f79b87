// Every page at every size in both themes: it loads, has one h1, passes axe (no serious or
// critical violation) and fits the window's width.
import type { Page } from '@playwright/test';
import { everyPage, expect, notFoundPath, screens, seriousA11yViolations, test } from './fixtures';

const pages = everyPage();

/** The checks every page passes as it stands; failures are soft, so one run lists them all. */
async function checkShown(page: Page, what: string): Promise<void> {
  await expect.soft(page.locator('h1'), what).toHaveCount(1);
  await expect.soft(page.getByRole('navigation', { name: 'Main' }), what).toBeVisible();
  expect.soft(await seriousA11yViolations(page), what).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  expect.soft(overflow, `${what} is wider than the window`).toBeLessThanOrEqual(0);
}

for (const { width, height } of screens) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${width} px, ${colorScheme}`, () => {
      test.use({ colorScheme, viewport: { width, height } });

      test('every page', async ({ page, pageProblems }) => {
        // axe over a long lesson takes seconds, longer on a busy machine.
        test.setTimeout(pages.length * 30_000);
        for (const path of pages) {
          const what = `${path} at ${width} px, ${colorScheme}`;
          const response = await page.goto(path);
          if (path === notFoundPath) {
            expect.soft(response?.status(), what).toBe(404);
            await expect
              .soft(page.getByRole('heading', { level: 1, name: 'Page not found' }), what)
              .toBeVisible();
          } else {
            expect.soft(response?.ok(), `${what}: status ${response?.status()}`).toBe(true);
          }
          await checkShown(page, what);
        }
        // The browser logs the host's 404 answer for the unknown address; that one is expected.
        const expected = (problem: string) => /status of 404/.test(problem);
        expect(pageProblems.filter(expected)).toHaveLength(1);
        pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !expected(p)));
      });

      test('/review with a card, then its answer', async ({ page }) => {
        test.setTimeout(60_000);
        // A fresh profile has new cards due; the first is a flashcard.
        await page.goto('/review');
        const show = page.getByRole('button', { name: 'Show answer' });
        await expect(show).toBeVisible();
        await checkShown(page, `/review, question, at ${width} px, ${colorScheme}`);
        await show.click();
        await expect(page.getByRole('button', { name: /^Good\b/ })).toBeVisible();
        await checkShown(page, `/review, answer, at ${width} px, ${colorScheme}`);
      });
    });
  }
}
