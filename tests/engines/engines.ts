// One small adapter per engine, so the checks in checks.ts are written once:
//   chromium  Playwright's library (the same browser the Playwright specs use)
//   firefox   puppeteer-core over WebDriver BiDi, Debian's firefox-esr
//   webkit    WebKitWebDriver (classic WebDriver) driving MiniBrowser from libwebkit2gtk-4.1,
//             through webdriverio; needs an X display (the runner starts one with xvfb-run)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../servers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import puppeteer, {
  type Browser as PuppeteerBrowser,
  type Page as PuppeteerPage
} from 'puppeteer-core';
import { remote } from 'webdriverio';
import { chromiumArgs, findBrowser } from '../../scripts/browser.js';

export const engineNames = ['chromium', 'firefox', 'webkit'] as const;
export type EngineName = (typeof engineNames)[number];

/** A browser with one page, driven the same way whatever engine is underneath. */
export interface Tab {
  readonly engine: EngineName;
  /** Opens `url` and waits for its load event. */
  goto(url: string): Promise<void>;
  /** Runs a self-contained function in the page (no closures), awaiting a returned promise. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  /** A real pointer click on the first element matching a CSS selector. */
  click(selector: string): Promise<void>;
  /** Console errors, page errors and unused-preload warnings since the last call. */
  problems(): Promise<string[]>;
  /**
   * Quits the browser and starts it again on the same profile. False where the engine's
   * automation cannot keep a profile (WebKitGTK's automation sessions are ephemeral).
   */
  restart(): Promise<boolean>;
  close(): Promise<void>;
}

const minibrowserCandidates = [
  process.env.MINIBROWSER_PATH,
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
];
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';

export function miniBrowserPath(): string | undefined {
  return minibrowserCandidates.find((path) => path && existsSync(path));
}

/** What is missing to run `engine`, or undefined when it can run. */
export function missingFor(engine: EngineName): string | undefined {
  if (engine === 'chromium')
    return findBrowser() ? undefined : 'Chromium (apt-get install chromium)';
  if (engine === 'firefox')
    return existsSync(firefoxPath) ? undefined : 'Firefox ESR (apt-get install firefox-esr)';
  if (!existsSync(webkitDriverPath) || !miniBrowserPath())
    return 'WebKitWebDriver and MiniBrowser (apt-get install webkit2gtk-driver)';
  if (!process.env.DISPLAY) return 'an X display (apt-get install xvfb; the runner uses xvfb-run)';
  return undefined;
}

/** A function and its arguments as one expression, for drivers that take script text. */
function expression(fn: (...args: never[]) => unknown, args: unknown[]): string {
  // tsx (esbuild) wraps named inner functions in `__name(...)`, which pages do not define.
  return `((__name) => (${fn.toString()})(...${JSON.stringify(args)}))((f) => f)`;
}

const isPreloadWarning = (text: string) => /preload/i.test(text);
const isCancelledIcon = (text: string) =>
  /\/(favicon\.svg|icons\/[\w-]+\.png)’\. A ServiceWorker intercepted the request/.test(text);

export async function launch(engine: EngineName, width = 390, height = 844): Promise<Tab> {
  if (engine === 'chromium') return launchChromium(width, height);
  if (engine === 'firefox') return launchFirefox(width, height);
  return launchWebKit(width, height);
}

async function launchChromium(width: number, height: number): Promise<Tab> {
  const profile = mkdtempSync(join(tmpdir(), 'sdr-chromium-'));
  const found: string[] = [];
  let context: BrowserContext;
  let page: Page;
  const open = async () => {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: findBrowser(),
      args: chromiumArgs,
      viewport: { width, height }
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error') found.push(`console error: ${text}`);
      else if (message.type() === 'warning' && isPreloadWarning(text))
        found.push(`console warning: ${text}`);
    });
    page.on('pageerror', (error) => found.push(`page error: ${error.message}`));
  };
  await open();
  return {
    engine: 'chromium',
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (fn, ...args) => page.evaluate(expression(fn, args)),
    click: (selector) => page.click(selector),
    problems: async () => found.splice(0),
    restart: async () => {
      await context.close();
      await open();
      return true;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}

async function launchFirefox(width: number, height: number): Promise<Tab> {
  const profile = mkdtempSync(join(tmpdir(), 'sdr-firefox-'));
  const found: string[] = [];
  let browser: PuppeteerBrowser;
  let page: PuppeteerPage;
  const open = async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      userDataDir: profile,
      // Sized below, once: puppeteer's default would size each page with the call that fails.
      defaultViewport: null
    });
    page = (await browser.pages())[0] ?? (await browser.newPage());
    // Puppeteer sizes the page and sets a screen orientation in one go; Firefox ESR 140 (what
    // Debian gave on 2026-12-04; 153 the day before) has no orientation command and refuses it,
    // though the size is set. Only that refusal is let through.
    await page.setViewport({ width, height }).catch((error: unknown) => {
      if (!/setScreenOrientationOverride/.test(String(error))) throw error;
    });
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error') found.push(`console error: ${text}`);
      else if (message.type() === 'warn' && isPreloadWarning(text))
        found.push(`console warning: ${text}`);
    });
    page.on('pageerror', (error) => {
      // Firefox loads the page's icons (favicon, apple-touch-icon) after the load event; moving
      // on to the next page at once cancels that request inside the worker, which Firefox
      // reports as this error. Only those icons are let through.
      if (isCancelledIcon(String(error))) return;
      found.push(`page error: ${String(error)}`);
    });
  };
  await open();
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (fn, ...args) => page.evaluate(expression(fn, args)) as never,
    click: (selector) => page.click(selector),
    problems: async () => found.splice(0),
    restart: async () => {
      await browser.close();
      await open();
      return true;
    },
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}

/** Flags for MiniBrowser: Safari-like storage estimates, console messages on stdout. */
export const miniBrowserArgs = [
  '--features=StorageAPI,StorageAPIEstimate',
  '--enable-write-console-messages-to-stdout=true'
];

async function launchWebKit(width: number, height: number): Promise<Tab> {
  const port = await freePort();
  const driver: ChildProcess = spawn(webkitDriverPath, [`--port=${port}`, '--host=127.0.0.1'], {
    stdio: 'ignore'
  });
  const binary = miniBrowserPath();
  const connect = () =>
    remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      connectionRetryCount: 3,
      capabilities: {
        browserName: 'MiniBrowser',
        // WebKitWebDriver speaks classic WebDriver; webdriverio would otherwise ask for BiDi.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary, args: ['--automation', ...miniBrowserArgs] }
      } as WebdriverIO.Capabilities
    });
  const session = await connect().catch((error: unknown) => {
    driver.kill();
    throw error;
  });
  // The window does not shrink below about 447 px; phone widths are checked in an iframe.
  await session.setWindowSize(width, height).catch(() => undefined);
  const found: string[] = [];
  // Classic WebDriver has no console events: a collector is installed after each load and read
  // before the next one. Errors during parsing are caught by `webkitConsole` instead.
  const collect = async () => {
    const got = (await session.execute(
      'return (window.__engineProblems || []).splice(0)'
    )) as string[];
    found.push(...got);
  };
  const install = () =>
    session.execute(`
      if (!window.__engineProblems) {
        const problems = (window.__engineProblems = []);
        const error = console.error.bind(console);
        console.error = (...args) => { problems.push('console error: ' + args.map(String).join(' ')); error(...args); };
        addEventListener('error', (e) => problems.push('page error: ' + e.message));
        addEventListener('unhandledrejection', (e) => problems.push('page error: ' + String(e.reason)));
      }`);
  return {
    engine: 'webkit',
    goto: async (url) => {
      await collect().catch(() => undefined);
      await session.url(url);
      await install();
    },
    evaluate: (fn, ...args) =>
      session.execute(`return ${expression(fn, args)}`) as Promise<Awaited<never>>,
    click: async (selector) => (await session.$(selector)).click(),
    problems: async () => {
      await collect().catch(() => undefined);
      return found.splice(0);
    },
    restart: async () => false,
    close: async () => {
      await session.deleteSession().catch(() => undefined);
      driver.kill();
    }
  };
}

/**
 * Console errors and unused-preload warnings WebKit logs while loading each URL, parsing
 * included (a Content Security Policy it cannot read is reported before any script runs), in
 * MiniBrowser outside automation, which writes its console out. A fresh profile each run.
 */
export async function webkitConsole(urls: string[], dark: boolean): Promise<string[]> {
  const binary = miniBrowserPath();
  if (!binary) throw new Error('MiniBrowser not found');
  const home = mkdtempSync(join(tmpdir(), 'sdr-minibrowser-'));
  const problems: string[] = [];
  try {
    for (const url of urls) {
      const output = await new Promise<string>((resolve) => {
        let text = '';
        const browser = spawn(
          binary,
          [...miniBrowserArgs, ...(dark ? ['--dark-mode'] : []), '--exit-after-load', url],
          {
            env: {
              ...process.env,
              XDG_DATA_HOME: join(home, 'data'),
              XDG_CACHE_HOME: join(home, 'cache'),
              MESA_SHADER_CACHE_DISABLE: 'true'
            },
            stdio: ['ignore', 'pipe', 'pipe']
          }
        );
        // Console lines come on stdout or stderr depending on the process that logs them.
        browser.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        browser.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
        const timer = setTimeout(() => browser.kill(), 20_000);
        browser.on('exit', () => {
          clearTimeout(timer);
          resolve(text);
        });
      });
      for (const line of output.split('\n'))
        if (/^CONSOLE .*\bERROR\b/.test(line) || (/^CONSOLE/.test(line) && isPreloadWarning(line)))
          problems.push(`${url}: ${line.trim()}`);
    }
  } finally {
    // A helper process may still be writing into the profile for a moment.
    try {
      rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {
      // left in the temporary folder
    }
  }
  return problems;
}
