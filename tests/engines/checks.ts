// The checks every engine runs, written once against the UI contract (ARCHITECTURE.md): pages
// are found by their headings and landmarks, controls by their accessible names. Each check
// gets a fresh browser profile and a fresh server (so a fresh origin and fresh request counts).
import { builtPages } from '../e2e/fixtures';
import type { CountingServer } from './server';
import { webkitConsole, type Tab } from './engines';

export interface CheckContext {
  tab: Tab;
  server: CountingServer;
  /** Lines for the report that are not failures (what an engine could not do, figures). */
  note: (line: string) => void;
}

export interface Check {
  name: string;
  run: (context: CheckContext) => Promise<void>;
}

const firstLesson = 'scaling-from-one-user-to-millions';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Polls a page function until it returns something truthy; fails with `what` after 10 s. */
export async function waitFor<A extends unknown[], R>(
  tab: Tab,
  what: string,
  fn: (...args: A) => R,
  ...args: A
): Promise<NonNullable<Awaited<R>>> {
  const until = Date.now() + 10_000;
  let last: Awaited<R> | undefined;
  for (;;) {
    try {
      last = await tab.evaluate(fn, ...args);
      if (last) return last as NonNullable<Awaited<R>>;
    } catch {
      // the page is navigating
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Marks the first visible element with `role` whose accessible name starts with `name` (the
 * contract's "names begin with Again"), so the driver can click it by a CSS selector.
 */
function markByName(role: 'button' | 'link', name: string): string | null {
  const selector = role === 'button' ? 'button, [role="button"]' : 'a[href]';
  const nameOf = (el: Element) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy)
      return labelledBy
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    return el.getAttribute('aria-label') ?? el.textContent ?? '';
  };
  for (const el of document.querySelectorAll(selector)) {
    const accessible = nameOf(el).replace(/\s+/g, ' ').trim();
    const visible =
      (el as HTMLElement).offsetParent !== null && !(el as HTMLButtonElement).disabled;
    if (visible && (accessible === name || accessible.startsWith(`${name} `))) {
      const mark = `t${Math.random().toString(36).slice(2)}`;
      el.setAttribute('data-engine-target', mark);
      return `[data-engine-target="${mark}"]`;
    }
  }
  return null;
}

async function clickByName(tab: Tab, role: 'button' | 'link', name: string): Promise<void> {
  const selector = await waitFor(tab, `${role} "${name}"`, markByName, role, name);
  await tab.click(selector);
}

/** How many answers the review log holds, read straight from IndexedDB. */
function answersStored(): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('system-design-recall');
    request.onerror = () => reject(new Error('cannot open the database'));
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('reviews')) {
        db.close();
        return resolve(0);
      }
      const count = db.transaction('reviews').objectStore('reviews').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
    };
  });
}

const h1Text = () =>
  [...document.querySelectorAll('h1')].map((h) => (h.textContent ?? '').trim()).join(' | ');

/** Opens a page and fails on any console error, page error or unused preload it caused. */
async function visit(context: CheckContext, path: string): Promise<void> {
  const { tab, server } = context;
  const before = await tab.problems();
  assert(before.length === 0, `before ${path}: ${before.join('; ')}`);
  await tab.goto(server.origin + path);
  await waitFor(tab, `the page ${path} to render`, () => document.querySelector('h1') !== null);
  await quiet(tab);
}

/**
 * Waits until the page has fetched nothing new for 300 ms (at most 5 s): a page that is left
 * while its lazy parts or lesson files still load has those requests cancelled inside the
 * service worker, which Firefox reports as the page's own error ("A ServiceWorker intercepted
 * the request and encountered an unexpected error", or a failed dynamic import). The smoke
 * check failed that way on first visits; leaving a page only once it is quiet tests the page.
 */
async function quiet(tab: Tab): Promise<void> {
  const until = Date.now() + 5000;
  let seen = -1;
  for (;;) {
    let count = seen;
    try {
      count = await tab.evaluate(() => performance.getEntriesByType('resource').length);
    } catch {
      // the page is navigating by itself: it is not quiet yet
    }
    if (count === seen || Date.now() > until) return;
    seen = count;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function noProblems(context: CheckContext, where: string): Promise<void> {
  const problems = await context.tab.problems();
  assert(problems.length === 0, `${where}: ${problems.join('; ')}`);
}

/** Waits until a service worker controls the page; precaching is done once it is active. */
function workerInControl(tab: Tab): Promise<boolean> {
  return waitFor(tab, 'a service worker in control', () =>
    navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)
  );
}

/** The first-lesson review: the first card is a flashcard, per the bundled lessons. */
async function answerFirstCard(context: CheckContext): Promise<void> {
  const { tab } = context;
  const before = await tab.evaluate(answersStored);
  await clickByName(tab, 'button', 'Show answer');
  await clickByName(tab, 'button', 'Good');
  const until = Date.now() + 10_000;
  while ((await tab.evaluate(answersStored)) !== before + 1) {
    assert(Date.now() < until, 'the answer was not stored');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Loads `path` into a same-origin iframe `width` px wide and returns `measure` run inside it:
 * MiniBrowser's window stops shrinking at about 447 px, so phone widths are laid out this way
 * in every engine alike.
 */
async function atWidth<R>(
  context: CheckContext,
  path: string,
  width: number,
  measure: (doc: Document) => R
): Promise<R> {
  const { tab, server } = context;
  await tab.goto(`${server.origin}/robots.txt`);
  await tab.evaluate(
    (src: string, w: number) =>
      new Promise<void>((resolve) => {
        document.body.replaceChildren();
        const frame = document.createElement('iframe');
        frame.style.cssText = `width:${w}px;height:900px;border:0;display:block`;
        frame.onload = () => resolve();
        frame.src = src;
        document.body.append(frame);
      }),
    path,
    width
  );
  // Wait for the app to render inside the frame.
  await waitFor(tab, `${path} at ${width} px`, () => {
    const doc = document.querySelector('iframe')?.contentDocument;
    return !!doc && doc.readyState === 'complete' && doc.querySelector('h1') !== null;
  });
  const source = `(doc) => (${measure.toString()})(doc)`;
  return tab.evaluate((code: string) => {
    const doc = (document.querySelector('iframe') as HTMLIFrameElement).contentDocument as Document;
    return (0, eval)(code)(doc) as R;
  }, source);
}

export const checks: Check[] = [
  {
    name: 'smoke: every page in both themes, with no console error',
    async run(context) {
      const { tab, server } = context;
      const pages = builtPages();
      for (const theme of ['light', 'dark'] as const) {
        await visit(context, '/');
        await tab.evaluate((t: string) => localStorage.setItem('theme', t), theme);
        for (const path of pages) {
          await visit(context, path);
          const shown = await tab.evaluate(() => ({
            h1s: document.querySelectorAll('h1').length,
            nav: (() => {
              const nav = document.querySelector('nav[aria-label="Main"]');
              return !!nav && nav.getBoundingClientRect().height > 0;
            })(),
            theme: document.documentElement.dataset.theme ?? ''
          }));
          assert(shown.h1s === 1, `${path} (${theme}): ${shown.h1s} h1 headings`);
          assert(shown.nav, `${path} (${theme}): no visible "Main" navigation`);
          assert(shown.theme === theme, `${path}: theme ${shown.theme}, expected ${theme}`);
          await noProblems(context, `${path} (${theme})`);
        }
      }
      // WebKit's automation has no console events and parse-time messages come before any
      // script: MiniBrowser outside automation prints its console, in light and dark mode.
      if (tab.engine === 'webkit') {
        const urls = pages.map((path) => server.origin + path);
        for (const dark of [false, true]) {
          const problems = await webkitConsole(urls, dark);
          assert(problems.length === 0, problems.join('\n'));
        }
        context.note(`WebKit console read for ${urls.length} pages, light and dark`);
      }
    }
  },
  {
    name: 'review: an answer is stored and survives a reload',
    async run(context) {
      const { tab } = context;
      await visit(context, '/review');
      await answerFirstCard(context);
      await tab.goto(`${context.server.origin}/review`);
      await waitFor(tab, 'the next card', () => document.querySelector('.review-card') !== null);
      assert((await tab.evaluate(answersStored)) === 1, 'the answer is gone after a reload');
      await visit(context, '/');
      await waitFor(tab, '"1 answered today"', () =>
        /1\s+answered today/.test(document.body.innerText)
      );
      await noProblems(context, 'review');
    }
  },
  {
    name: 'lesson: every section has its heading and a titled diagram',
    async run(context) {
      const { tab } = context;
      await visit(context, `/lessons/${firstLesson}`);
      const lesson = await tab.evaluate(() => {
        const sections = [...document.querySelectorAll('article section')];
        return {
          sections: sections.length,
          topics: document.querySelectorAll('nav.contents a').length,
          complete: sections.filter(
            (s) =>
              s.querySelector('h2') &&
              (s.querySelector('svg[role="img"] title')?.textContent ?? '').length > 3 &&
              (s.querySelector('svg[role="img"]')?.getBoundingClientRect().width ?? 0) > 0
          ).length
        };
      });
      assert(lesson.sections > 0, 'no sections');
      assert(
        lesson.topics === lesson.sections,
        `${lesson.topics} topics for ${lesson.sections} sections`
      );
      assert(
        lesson.complete === lesson.sections,
        `${lesson.sections - lesson.complete} sections lack a heading or diagram`
      );
      await noProblems(context, 'lesson');
    }
  },
  {
    name: 'offline: after one visit and a browser restart, every page comes from the worker',
    async run(context) {
      const { tab, server } = context;
      await visit(context, '/');
      assert(await workerInControl(tab), 'no service worker in control');
      await server.stop();
      try {
        const restarted = await tab.restart();
        if (!restarted)
          context.note(
            'no browser restart (WebKitGTK automation sessions keep no profile): same session, server stopped'
          );
        for (const [path, heading] of [
          ['/', 'Today'],
          ['/lessons', 'Lessons'],
          ['/settings', 'Settings'],
          ['/drill', 'Mock drill'],
          [`/lessons/${firstLesson}`, 'Scaling from one user to millions'],
          ['/review', 'Review']
        ] as const) {
          await visit(context, path);
          const h1 = await tab.evaluate(h1Text);
          assert(h1 === heading, `offline ${path}: h1 "${h1}", expected "${heading}"`);
        }
        await answerFirstCard(context);
        await noProblems(context, 'offline');
      } finally {
        await server.start();
      }
    }
  },
  {
    // Issue 11 (2): the preloaded deck and lesson file were downloaded three times in WebKit.
    name: 'first visit to /review downloads the deck and the first lesson at most twice',
    async run(context) {
      const { tab, server } = context;
      server.reset();
      await visit(context, '/review');
      await waitFor(tab, '"Show answer"', markByName, 'button', 'Show answer');
      assert(await workerInControl(tab), 'no service worker in control');
      // Unused preloads are reported about three seconds after load.
      await new Promise((r) => setTimeout(r, 3500));
      const deck = server.hits('/data/deck.json');
      const cards = server.hits(`/data/cards/${firstLesson}.json`);
      context.note(
        `requests: deck.json ${deck}, first lesson's cards ${cards} (page + worker precache)`
      );
      // Once for the page, once for the worker's precache (revisioned files are re-fetched).
      assert(deck <= 2, `deck.json requested ${deck} times`);
      assert(cards <= 2, `the first lesson's cards requested ${cards} times`);
      await noProblems(context, '/review');
    }
  },
  {
    // Issue 11 (6): an empty "storage-probe" database was left behind.
    name: 'the app leaves no database but its own',
    async run(context) {
      const { tab } = context;
      await visit(context, '/');
      await workerInControl(tab);
      await new Promise((r) => setTimeout(r, 500));
      const names = await tab.evaluate(() =>
        indexedDB.databases().then((all) => all.map((db) => db.name ?? '').sort())
      );
      assert(
        names.every((name) => name === 'system-design-recall'),
        `databases: ${names.join(', ')}`
      );
      await noProblems(context, '/');
    }
  },
  {
    // Issue 11 (3): the navigation wrapped to two rows at 421-470 px and at 320 px.
    name: 'the main navigation stays on one row from 320 px up',
    async run(context) {
      for (const width of [
        320, 360, 375, 390, 414, 420, 421, 428, 430, 440, 450, 470, 500, 560, 561, 600, 768, 1024
      ]) {
        const rows = await atWidth(context, '/', width, (doc) => {
          const items = [...doc.querySelectorAll('nav[aria-label="Main"] li')];
          const tops = new Set(items.map((li) => Math.round(li.getBoundingClientRect().top)));
          const sideways = doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
          return { rows: tops.size, sideways };
        });
        assert(rows.rows === 1, `at ${width} px the navigation takes ${rows.rows} rows`);
        assert(
          rows.sideways <= 0,
          `at ${width} px the page scrolls sideways by ${rows.sideways} px`
        );
      }
    }
  },
  {
    // Issue 11 (4): Firefox ignored textLength on most <tspan> labels; one spilled out.
    name: 'every diagram label fits inside its box',
    async run(context) {
      const { tab } = context;
      await visit(context, `/lessons/${firstLesson}`);
      const spills = await tab.evaluate(() => {
        const found: string[] = [];
        for (const node of document.querySelectorAll('.dg-node')) {
          const shape = node.querySelector('rect, path');
          if (!shape) continue;
          const outer = shape.getBoundingClientRect();
          for (const line of node.querySelectorAll('text')) {
            const inner = line.getBoundingClientRect();
            if (inner.left < outer.left - 0.5 || inner.right > outer.right + 0.5)
              found.push(
                `"${line.textContent}" is ${Math.round(inner.width)} px wide in a ${Math.round(outer.width)} px box`
              );
          }
        }
        return found;
      });
      assert(spills.length === 0, spills.join('; '));
    }
  },
  {
    // Issue 11 (5): a long topic in the first column ran into the next column's "10." marker.
    name: "the lesson contents' columns keep clear of each other's numbers",
    async run(context) {
      for (const width of [390, 768, 1024, 1280, 1440]) {
        const clashes = await atWidth(context, `/lessons/${firstLesson}`, width, (doc) => {
          const items = [...doc.querySelectorAll('nav.contents li')];
          const view = doc.defaultView as Window;
          const probe = doc.createElement('span');
          probe.textContent = `${items.length}.`;
          probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
          doc.querySelector('nav.contents ol')?.append(probe);
          const markerWidth = probe.getBoundingClientRect().width;
          probe.remove();
          // Where each item's number is drawn: just left of the item's box, on its first line.
          const markers = items.map((li) => {
            const box = li.getBoundingClientRect();
            const line = parseFloat(view.getComputedStyle(li).lineHeight) || 20;
            return {
              left: box.left - markerWidth - 2,
              right: box.left,
              top: box.top,
              bottom: box.top + line
            };
          });
          const found: string[] = [];
          items.forEach((li, i) => {
            const range = doc.createRange();
            range.selectNodeContents(li);
            for (const text of range.getClientRects())
              markers.forEach((m, j) => {
                if (j === i) return;
                const x = Math.min(text.right, m.right) - Math.max(text.left, m.left);
                const y = Math.min(text.bottom, m.bottom) - Math.max(text.top, m.top);
                if (x > 0.5 && y > 0.5) found.push(`topic ${i + 1} runs into number ${j + 1}`);
              });
          });
          return found;
        });
        assert(clashes.length === 0, `at ${width} px: ${clashes.join('; ')}`);
      }
    }
  }
];
