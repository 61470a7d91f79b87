// Renders the app icons (static/icons/*.png) from static/favicon.svg with Chromium, so the
// PNGs never drift from the SVG. Run after changing the icon: node scripts/make-icons.js
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chromiumArgs, findBrowser, howToGetBrowser } from './browser.js';

const svg = readFileSync('static/favicon.svg', 'utf8');
const browserPath = findBrowser();
if (!browserPath) {
  console.error(howToGetBrowser);
  process.exit(1);
}

const icons = [
  { file: 'icon-192.png', size: 192, padding: 0, background: 'transparent' },
  { file: 'icon-512.png', size: 512, padding: 0, background: 'transparent' },
  // Maskable: a full-bleed background, the mark inside the central safe zone (80%).
  { file: 'maskable-512.png', size: 512, padding: 0.2, background: '#3550d8' }
];

const browser = await chromium.launch({ executablePath: browserPath, args: chromiumArgs });
for (const icon of icons) {
  const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
  const inner = Math.round(icon.size * (1 - icon.padding * 2));
  await page.setContent(
    `<body style="margin:0;display:grid;place-items:center;width:${icon.size}px;height:${icon.size}px;background:${icon.background}">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`
  );
  await page.screenshot({
    path: `static/icons/${icon.file}`,
    omitBackground: icon.background === 'transparent'
  });
  await page.close();
  console.log(`static/icons/${icon.file}`);
}
await browser.close();
