// `npm run size`: the gzip bytes of the JavaScript and CSS that a first visit to a page loads,
// measured in Chromium: every script and stylesheet the page requests until the network is
// quiet, including the service-worker helper it imports after start. Code a page loads only
// when the learner does something (another page, "Check review history") is not counted, and
// neither are the files the service worker downloads for offline use in the background.
// `--files` also lists each file's share, largest first. `--sources` (after a build with source
// maps: `SOURCEMAP=1 npm run size -- --sources`) says where a page's gzip bytes come from: each
// package and each of our modules, its share of a file's gzip bytes in proportion to the
// characters it wrote there, with "(glue)" for what no source wrote (imports between files).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping';
import { chromium } from '@playwright/test';
import { chromiumArgs, findBrowser, howToGetBrowser } from './browser.js';
import { measuredPages, serveBuild } from './serve.js';

const listFiles = process.argv.includes('--files');
const listSources = process.argv.includes('--sources');
const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
// What a browser downloads from a host that sends Brotli (the build writes .br files for it).
const brotliBytes = (file: string) =>
  brotliCompressSync(readFileSync(file), {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY }
  }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** A source's name in the list: a package by its name, our own code by its path. */
function sourceName(source: string | null): string {
  if (!source) return '(glue)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inPackage) return inPackage[1] ?? source;
  const ours = /(src\/(?:lib|routes)\/.*)$/.exec(source);
  return ours?.[1] ?? '(SvelteKit generated)';
}

/** Adds each source's estimated gzip bytes in `file` to `totals`; false when it has no map. */
function addSources(file: string, totals: Map<string, number>): boolean {
  if (!existsSync(`${file}.map`)) return false;
  const code = readFileSync(file, 'utf8');
  const lines = code.split('\n');
  const segments: { line: number; column: number; source: string | null }[] = [];
  eachMapping(new TraceMap(readFileSync(`${file}.map`, 'utf8')), (m) =>
    segments.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source })
  );
  segments.sort((a, b) => a.line - b.line || a.column - b.column);
  const chars = new Map<string, number>();
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const end =
      next && next.line === segment.line ? next.column : (lines[segment.line - 1]?.length ?? 0);
    const name = sourceName(segment.source);
    chars.set(name, (chars.get(name) ?? 0) + end - segment.column);
  });
  const gzip = gzipBytes(file);
  for (const [name, count] of chars)
    totals.set(name, (totals.get(name) ?? 0) + (count / code.length) * gzip);
  return true;
}

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
    if (listSources) {
      const totals = new Map<string, number>();
      const unmapped = js.filter((file) => !addSources(file, totals));
      if (unmapped.length === js.length) {
        console.log('    no source maps: build with SOURCEMAP=1 npm run build first');
      } else {
        for (const [name, bytes] of [...totals].sort((a, b) => b[1] - a[1]))
          if (bytes >= 100) console.log(`    ${kb(bytes).padStart(9)}  ${name}`);
        for (const file of unmapped)
          console.log(`    ${kb(gzipBytes(file)).padStart(9)}  ${file} (no map)`);
      }
    }
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
