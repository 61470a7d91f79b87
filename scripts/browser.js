// Finds a Chromium to drive: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a browser
// that Playwright installed itself. Playwright cannot download browsers on this network.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const howToGetBrowser =
  'No Chromium found: install one (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/** @returns {string | undefined} the browser binary to launch, or undefined when none exists */
export function findBrowser() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  return undefined;
}

/** Flags that keep a headless Chromium quiet on a machine with no outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];
