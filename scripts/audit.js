// `npm run audit`: Lighthouse 12.2.3 (tools/lighthouse, its own install) in mobile mode against
// the built app, served locally; prints the four category scores for each page.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumArgs, findBrowser, howToGetBrowser } from './browser.js';
import { measuredPages, serveBuild } from './serve.js';

const tool = 'tools/lighthouse';

if (!existsSync(`${tool}/node_modules/lighthouse`)) {
  console.log('Installing Lighthouse into tools/lighthouse…');
  const install = spawnSync('npm', ['ci', '--prefix', tool, '--no-audit', '--no-fund'], {
    stdio: 'inherit'
  });
  if (install.status !== 0) process.exit(1);
}
const browserPath = findBrowser();
if (!browserPath) {
  console.error(howToGetBrowser);
  process.exit(1);
}

const { default: lighthouse } = await import(`../${tool}/node_modules/lighthouse/core/index.js`);
const chromeLauncher = await import(`../${tool}/node_modules/chrome-launcher/dist/index.js`);

const server = await serveBuild();
const chrome = await chromeLauncher.launch({
  chromePath: browserPath,
  chromeFlags: ['--headless=new', ...chromiumArgs]
});
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
let failed = false;
try {
  for (const path of measuredPages) {
    const url = `${server.origin}${path}`;
    // Lighthouse's default: a mid-range phone on a slow 4G connection (simulated).
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: categories,
      formFactor: 'mobile'
    });
    if (!result) throw new Error(`no result for ${url}`);
    const scores = categories.map(
      (id) =>
        `${result.lhr.categories[id].title} ${Math.round((result.lhr.categories[id].score ?? 0) * 100)}`
    );
    console.log(`${path.padEnd(45)} ${scores.join(' · ')}`);
    const metrics = [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'speed-index'
    ];
    console.log(
      `    ${metrics.map((id) => `${result.lhr.audits[id].title} ${result.lhr.audits[id].displayValue}`).join(' · ')}`
    );
    for (const id of categories) {
      for (const ref of result.lhr.categories[id].auditRefs) {
        const audit = result.lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 0.9)
          console.log(`    ${id}: ${audit.title} (${Math.round(audit.score * 100)})`);
      }
    }
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await chrome.kill();
  server.stop();
}
process.exit(failed ? 1 : 0);
