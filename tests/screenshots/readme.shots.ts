import { test, type Page } from '@playwright/test';

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 }
] as const;

/** Each shot: a page, and what to do on it before the picture is taken. */
const shots: { name: string; path: string; prepare?: (page: Page) => Promise<void> }[] = [
  { name: 'home', path: '/' },
  { name: 'lessons', path: '/lessons' },
  { name: 'lesson', path: '/lessons/scaling-from-one-user-to-millions#load-balancer' },
  {
    name: 'review',
    path: '/review',
    prepare: async (page) => {
      // The second new card is a scenario choice: answer it to show the explanations.
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.keyboard.press('3');
      await page.locator('.review-card input').nth(1).check();
      await page.getByRole('button', { name: 'Check' }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  }
];

for (const size of sizes) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${size.name} ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      for (const shot of shots) {
        await page.goto(shot.path);
        await shot.prepare?.(page);
        await page.screenshot({
          path: `docs/screenshots/${shot.name}-${size.name}-${colorScheme}.png`
        });
      }
    });
  }
}
