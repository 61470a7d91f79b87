import { expect, seriousA11yViolations, test } from './fixtures';

test("an unknown address shows the app's own not-found page, online and offline", async ({
  page,
  context,
  pageProblems
}) => {
  const response = await page.goto('/no-such-page/at/all');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no-such-page/at/all')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Go to Today' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();

  // Offline, once the service worker is in charge: the same page, not the browser's own.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
          once: true
        })
      );
  });
  await context.setOffline(true);
  await page.goto('/lessons/no-such-lesson');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Lessons' }).last().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();

  // The browser reports the host's 404 answer, and offline the worker's try of the network, in
  // the console; those are expected here.
  const expected = (problem: string) => /status of 404|ERR_INTERNET_DISCONNECTED/.test(problem);
  const others = pageProblems.filter((problem) => !expected(problem));
  pageProblems.splice(0, pageProblems.length, ...others);
});
