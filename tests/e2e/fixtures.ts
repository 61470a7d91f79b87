import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every e2e test fails when the page logs a console error or throws, and when it makes a
 * request to another origin.
 */
export const test = base.extend<{
  pageProblems: string[];
  firstVisit: boolean;
  returningUser: void;
}>({
  // Specs start as a returning learner, the first-run guide (a modal) already seen, unless they
  // say `test.use({ firstVisit: true })`.
  firstVisit: [false, { option: true }],
  returningUser: [
    async ({ page, firstVisit }, use) => {
      if (!firstVisit) await page.addInitScript(() => localStorage.setItem('sdr-guide-seen', '1'));
      await use();
    },
    { auto: true }
  ],
  pageProblems: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const ownOrigin = new URL(baseURL ?? 'http://localhost').origin;
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol.startsWith('http') && url.origin !== ownOrigin)
          problems.push(`request to another origin: ${request.url()}`);
      });
      await use(problems);
      expect(problems, 'console errors, page errors or foreign requests').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect };

/** Runs axe-core and returns the serious and critical violations, readable in a failure. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`
    );
}

/** Every prerendered page of the built app, as paths (`/`, `/settings`, ...). */
export function builtPages(buildDir = 'build'): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '_app') walk(path);
      } else if (entry.name.endsWith('.html')) {
        const route = relative(buildDir, path)
          .replace(/\.html$/, '')
          .replace(/(^|\/)index$/, '');
        pages.push(`/${route}`);
      }
    }
  };
  walk(buildDir);
  return pages.sort();
}

/** An address no page has: the app's own not-found page. */
export const notFoundPath = '/no-such-page';

/** Every page to look at: each built page, and the not-found page. */
export function everyPage(buildDir = 'build'): string[] {
  return [...builtPages(buildDir), notFoundPath];
}

/** The screens every page is checked and pictured at. */
export const screens = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 }
] as const;

/** Waits until the service worker controls the page, with every asset precached. */
export async function waitForWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
          once: true
        })
      );
    }
  });
}

/**
 * Tells the page's current document, again, that the network is off, and returns what undoes
 * it. `context.setOffline(true)` blocks every request in any Chromium, but Chromium 150
 * (Debian's on 2026-12-04) no longer carries it to `navigator.onLine` in a document loaded
 * after it was turned on, so the page believes it is online (the Chromium this machine had
 * until 2026-12-03 did carry it). A device that loses its network tells every document, so
 * call this after a navigation, before reading what the page shows for being offline.
 */
export async function tellOffline(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: true,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1
  });
  // The emulation lasts while the session is attached.
  return () => cdp.detach();
}
