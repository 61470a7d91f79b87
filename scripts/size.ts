// `npm run size`: the gzip bytes of the JavaScript and CSS that a first visit to a page loads,
// measured in Chromium: every script and stylesheet the page requests until the network is
// quiet, including the service-worker helper it imports after start. Code a page loads only
// when the learner does something (another page, "Check review history") is not counted, and
// neither are the files the service worker downloads for offline use in the background.
// `--files` also lists each file's share, largest first.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, findBrowser, howToGetBrowser } from './browser.js';
import { measuredPages, serveBuild } from './serve.js';

const listFiles = process.argv.includes('--files');
const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
// What a browser downloads from a host that sends Brotli (the build writes .br files for it).
const brotliBytes = (file: string) =>
  brotliCompressSync(readFileSync(file), {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY }
  }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const executablePath = findBrowser();
if (!executablePath) {
  console.error(howToGetBrowser);
  process.exit(1);
}
const server = await serveBuild();
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  for (const path of measuredPages) {
    // A fresh profile each time: a first visit, nothing cached.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const files = new Set<string>();
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (/\.(js|css)$/.test(pathname) && pathname.startsWith('/_app/'))
        files.add(join('build', pathname));
    });
    await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
    await context.close();
    const js = [...files].filter((f) => f.endsWith('.js'));
    const css = [...files].filter((f) => f.endsWith('.css'));
    const jsBytes = js.reduce((sum, file) => sum + gzipBytes(file), 0);
    const cssBytes = css.reduce((sum, file) => sum + gzipBytes(file), 0);
    const brotli = [...files].reduce((sum, file) => sum + brotliBytes(file), 0);
    const raw = [...files].reduce((sum, file) => sum + statSync(file).size, 0);
    console.log(
      `${path.padEnd(45)} JS ${kb(jsBytes)} (${js.length} files) + CSS ${kb(cssBytes)} (${css.length} files) = ${kb(jsBytes + cssBytes)} gzip -9 (${kb(brotli)} Brotli, ${kb(raw)} uncompressed)`
    );
    if (listFiles) {
      for (const file of [...files].sort((a, b) => gzipBytes(b) - gzipBytes(a))) {
        console.log(`    ${kb(gzipBytes(file)).padStart(9)}  ${file}`);
      }
    }
  }
} finally {
  await browser.close();
  server.stop();
}
