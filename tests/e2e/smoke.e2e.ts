import { builtPages, expect, seriousA11yViolations, test } from './fixtures';

const pages = builtPages();

test('the build has the pages the app links to', () => {
  expect(pages).toContain('/');
  expect(pages).toContain('/settings');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme at 390 px`, () => {
    test.use({ colorScheme, viewport: { width: 390, height: 844 } });

    for (const path of pages) {
      test(`${path} renders with no serious accessibility violation`, async ({ page }) => {
        // axe over a long lesson takes a while, longer on a busy machine.
        test.setTimeout(90_000);
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expect(page.locator('h1')).toHaveCount(1);
        await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
        expect(await seriousA11yViolations(page)).toEqual([]);
      });
    }
  });
}

test('every page fits a 320 px screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of pages) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
  }
});
