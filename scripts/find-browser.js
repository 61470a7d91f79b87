// Stops an e2e run early, with one line that says what to do, when no browser can be found.
import { findBrowser, howToGetBrowser } from './browser.js';

const browser = findBrowser();
if (!browser) {
  console.error(howToGetBrowser);
  process.exit(1);
}
