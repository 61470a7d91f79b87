import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { expect, test } from './fixtures';
import { answersStored } from './storage';

// A redeploy while a tab is open: the site's files are replaced by a build with another
// version. The old tab must keep working, offer the update, and keep every review.
const port = 4176;
const nextVersion = 'e2e-next-release';
const nextBuild = resolve('test-results/update-next-build');
let siteDir = '';
let server: Server;

test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({ baseURL: `http://localhost:${port}` });

test.beforeAll(() => {
  const built = spawnSync('npm', ['run', 'build'], {
    env: { ...process.env, APP_VERSION: nextVersion, BUILD_DIR: nextBuild },
    stdio: 'pipe'
  });
  if (built.status !== 0) throw new Error(`second build failed:\n${built.stderr.toString()}`);
  siteDir = mkdtempSync(join(tmpdir(), 'site-'));
  cpSync('build', siteDir, { recursive: true });
  // dev mode reads the folder on every request, so replacing files is a deploy.
  const serve = sirv(siteDir, { dev: true, extensions: ['html'] });
  server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    })
  );
  server.listen(port);
});

test.afterAll(() => {
  server?.close();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

test('a redeploy never breaks the open tab; "Reload" brings the new version and keeps reviews', async ({
  page
}) => {
  await page.goto('/review');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) =>
        navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })
      );
    }
  });
  await page.getByRole('button', { name: 'Show answer' }).click();
  await page.getByRole('button', { name: /^Good\b/ }).click();
  await expect.poll(() => answersStored(page)).toBe(1);
  await page.goto('/settings');
  const oldVersion = await page.getByText(/^Version /).innerText();
  expect(oldVersion).not.toContain(nextVersion);

  // Deploy: the old files are gone, the new build takes their place.
  rmSync(siteDir, { recursive: true, force: true });
  cpSync(nextBuild, siteDir, { recursive: true });

  // The old tab keeps working: moving around loads the old version's chunks from its cache.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Lessons' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await nav.getByRole('link', { name: 'Review' }).click();
  await expect(page.locator('.review-card')).toBeVisible();

  // Coming back to the tab checks for an update; the new worker waits and the page offers it.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.getByRole('status').filter({ hasText: 'Update available' })).toBeVisible({
    timeout: 30_000
  });

  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Reload' }).click()
  ]);
  await page.goto('/settings');
  await expect(page.getByText(`Version ${nextVersion}.`, { exact: false })).toBeVisible();
  expect(await answersStored(page)).toBe(1);
});
