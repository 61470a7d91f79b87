import { test } from '@playwright/test';

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 }
] as const;

const pages = [
  { name: 'home', path: '/' },
  { name: 'lessons', path: '/lessons' },
  { name: 'lesson', path: '/lessons/scaling-from-one-user-to-millions#load-balancer' }
] as const;

for (const size of sizes) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${size.name} ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      for (const shot of pages) {
        await page.goto(shot.path);
        await page.screenshot({
          path: `docs/screenshots/${shot.name}-${size.name}-${colorScheme}.png`
        });
      }
    });
  }
}
