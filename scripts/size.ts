// `npm run size`: the gzip bytes of the JavaScript and CSS that a first visit to a page loads:
// the modules its HTML names, everything they import, and modules loaded later on every page
// (the service-worker helper). Other routes' code, loaded only when visited, is not counted.
// `--files` also lists each file's share, largest first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const pages = [
  { path: '/', file: 'index.html' },
  { path: '/review', file: 'review.html' },
  { path: '/lessons', file: 'lessons.html' },
  {
    path: '/lessons/scaling-from-one-user-to-millions',
    file: 'lessons/scaling-from-one-user-to-millions.html'
  },
  { path: '/drill', file: 'drill.html' },
  { path: '/settings', file: 'settings.html' }
];

const moduleUrl = /(?:href=|import\()"((?:\.\.?\/)+_app\/[^"]+\.js)"/g;
const importUrl =
  /(?:(?:^|[;\s,{}])import\s*(?:[^'"`()]*?from\s*)?|import\()["'`](\.\.?\/[^"'`]+\.js)["'`]/g;

function modulesOf(html: string, pageDir: string): string[] {
  const queue = [...html.matchAll(moduleUrl)].map((m) => join(pageDir, m[1] ?? ''));
  const seen = new Set<string>();
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(importUrl)) {
      const target = join(file, '..', m[1] ?? '');
      // Route nodes are the other pages: loaded only when the learner goes there.
      if (!target.includes('/nodes/')) queue.push(target);
    }
  }
  return [...seen];
}

const listFiles = process.argv.includes('--files');
const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
// What a browser downloads from a host that sends Brotli (the build writes .br files for it).
const brotliBytes = (file: string) =>
  brotliCompressSync(readFileSync(file), {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY }
  }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

for (const page of pages) {
  const pageDir = join('build', page.file, '..');
  const html = readFileSync(join('build', page.file), 'utf8');
  const js = modulesOf(html, pageDir);
  const css = [
    ...html.matchAll(/<link href="((?:\.\.?\/)+_app\/[^"]+\.css)" rel="stylesheet">/g)
  ].map((m) => join(pageDir, m[1] ?? ''));
  const jsBytes = js.reduce((sum, file) => sum + gzipBytes(file), 0);
  const cssBytes = css.reduce((sum, file) => sum + gzipBytes(file), 0);
  const brotli = [...js, ...css].reduce((sum, file) => sum + brotliBytes(file), 0);
  console.log(
    `${page.path.padEnd(45)} JS ${kb(jsBytes)} (${js.length} files) + CSS ${kb(cssBytes)} (${css.length} files) = ${kb(jsBytes + cssBytes)} gzip -9 (${kb(brotli)} Brotli)`
  );
  if (listFiles) {
    for (const file of [...js, ...css].sort((a, b) => gzipBytes(b) - gzipBytes(a))) {
      console.log(`    ${kb(gzipBytes(file)).padStart(9)}  ${file}`);
    }
  }
}
