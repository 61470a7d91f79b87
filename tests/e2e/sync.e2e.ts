// Two devices (two browser profiles) syncing through `npm run sync-server`, a CouchDB-protocol
// server in memory started here on a free port, restarted and wiped as the cases need.
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page
} from '@playwright/test';
import { answerByMouse } from './answering';
import { tellOffline, waitForWorker } from './fixtures';
import { answersStored } from './storage';
import { freePort, SyncServer, syncPassword, syncUser } from '../servers';

/** The answers on the server, by id. */
async function answerIds(server: SyncServer): Promise<string[]> {
  const docs = [...(await server.docs()).entries()];
  return docs
    .filter(([, doc]) => doc.type === 'answer')
    .map(([id]) => id)
    .sort();
}

const test = base.extend<{ server: SyncServer }>({
  server: async ({ baseURL }, use) => {
    // The sync server installs itself on first use (about two minutes on a cold machine).
    const server = new SyncServer(await freePort(), new URL(baseURL ?? 'http://localhost').origin);
    await server.start();
    await use(server);
    await server.stop();
  }
});
test.describe.configure({ timeout: 180_000 });

interface Device {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A browser profile of its own: page errors fail the test; requests go only here or to `server`. */
async function device(browser: Browser, baseURL: string, server: SyncServer): Promise<Device> {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed = new Set([new URL(baseURL).origin, `http://127.0.0.1:${server.port}`]);
  if (process.env.DEBUG_SYNC) page.on('console', (m) => console.log('[page]', m.type(), m.text()));
  page.on('pageerror', (error) =>
    problems.push(`page error: ${error.message}${process.env.DEBUG_SYNC ? ` ${error.stack}` : ''}`)
  );
  page.on('console', (message) => {
    // The browser logs each refused request (a checkpoint not there yet, the server stopped):
    // those are the protocol's, not the app's.
    if (
      message.type() === 'error' &&
      !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(message.text())
    )
      problems.push(`console error: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && !allowed.has(url.origin))
      problems.push(`request to ${request.url()}`);
  });
  return { context, page, problems };
}

const status = (page: Page) => page.locator('#sync-status');

async function turnOnSync(page: Page, server: SyncServer): Promise<void> {
  await page.goto('/settings');
  await page.getByLabel('Server address').fill(server.url());
  await page.getByLabel('User name').fill(syncUser);
  await page.getByLabel('Password', { exact: true }).fill(syncPassword);
  await page.getByLabel('Remember the password on this device').check();
  await page.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(status(page)).toHaveText(/^Last synced/, { timeout: 30_000 });
}

/** The answer ids in a device's log, read from IndexedDB. */
async function logIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('system-design-recall');
        open.onerror = () => reject(new Error('cannot open'));
        open.onsuccess = () => {
          const all = open.result.transaction('reviews').objectStore('reviews').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as { id: string }[]).map((row) => row.id).sort());
          };
        };
      })
  );
}

async function answer(page: Page, count: number): Promise<void> {
  await page.goto('/review');
  for (let i = 0; i < count; i += 1) await answerByMouse(page);
}

/** Goes to Settings, presses "Sync now" and waits for it to finish. */
async function syncNow(page: Page): Promise<void> {
  if (!page.url().endsWith('/settings')) await page.goto('/settings');
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(status(page)).toHaveText(/^Last synced/, { timeout: 30_000 });
}

async function checkHistory(page: Page): Promise<string> {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Check review history' }).click();
  const result = page.locator('#history-check-result');
  await expect(result).toHaveText(/matches your history/);
  return result.innerText();
}

test('answers on one device appear on the other; both converge, once each, with matching schedules', async ({
  browser,
  baseURL,
  server
}) => {
  const a = await device(browser, baseURL as string, server);
  const b = await device(browser, baseURL as string, server);
  await turnOnSync(a.page, server);
  await turnOnSync(b.page, server);

  await answer(a.page, 3);
  await expect.poll(() => answerIds(server).then((ids) => ids.length), { timeout: 20_000 }).toBe(3);
  await syncNow(b.page);
  expect(await logIds(b.page)).toEqual(await logIds(a.page));

  // Both answer, then both sync: one log on both, with no duplicates.
  await answer(a.page, 2);
  await answer(b.page, 2);
  await syncNow(a.page);
  await syncNow(b.page);
  await syncNow(a.page);
  const idsA = await logIds(a.page);
  expect(idsA).toHaveLength(7);
  expect(new Set(idsA).size).toBe(7);
  expect(await logIds(b.page)).toEqual(idsA);
  expect(await answerIds(server)).toEqual(idsA);
  expect(await checkHistory(a.page)).toBe(await checkHistory(b.page));

  // The same answer arriving twice (sent again by hand) is stored once.
  const [first] = idsA;
  const doc = (await (await server.request('recall', `/${first}`)).json()) as Record<
    string,
    unknown
  >;
  const { _id: _unused, _rev: _rev, ...copy } = doc;
  void _unused;
  void _rev;
  await server.request('recall', '/_bulk_docs', {
    method: 'POST',
    body: JSON.stringify({ docs: [{ ...copy, _id: first }], new_edits: true })
  });
  await syncNow(b.page);
  expect(await answersStored(b.page)).toBe(7);

  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});

// Offline, then the server killed: PouchDB's requests that the network refuses answer as a
// 503 (engine.svelte.ts `pouchFetch`), so no page error, and the status says so within seconds.
test('an answer given offline syncs later; the server killed and restarted resumes and loses nothing', async ({
  browser,
  baseURL,
  server
}) => {
  const a = await device(browser, baseURL as string, server);
  await turnOnSync(a.page, server);
  await answer(a.page, 1);
  await expect.poll(() => answerIds(server).then((ids) => ids.length), { timeout: 20_000 }).toBe(1);

  // Offline: the answer is kept here and the status says sync will retry. The worker must hold
  // the app first, as it does for a learner after the first visit.
  await waitForWorker(a.page);
  await a.context.setOffline(true);
  await answer(a.page, 2);
  await a.page.goto('/settings');
  const online = await tellOffline(a.page);
  await expect(status(a.page)).toHaveText(/Offline, will retry/, { timeout: 20_000 });
  expect((await answerIds(server)).length).toBe(1);
  await online();
  await a.context.setOffline(false);
  await expect.poll(() => answerIds(server).then((ids) => ids.length), { timeout: 30_000 }).toBe(3);

  // The server goes away (in memory: it loses everything), answers go on here, and the server
  // comes back empty: the device fills it again.
  await server.stop();
  await answer(a.page, 2);
  await a.page.goto('/settings');
  await expect(status(a.page)).toHaveText(/not reachable/, { timeout: 30_000 });
  await server.start();
  await syncNow(a.page);
  await expect.poll(() => answerIds(server), { timeout: 30_000 }).toEqual(await logIds(a.page));
  expect(await answerIds(server)).toHaveLength(5);

  expect(a.problems).toEqual([]);
  await a.context.close();
});

test('a server wiped by hand is filled again; a bad document is skipped and reported, never applied', async ({
  browser,
  baseURL,
  server
}) => {
  const a = await device(browser, baseURL as string, server);
  await turnOnSync(a.page, server);
  await answer(a.page, 2);
  await expect.poll(() => answerIds(server).then((ids) => ids.length), { timeout: 30_000 }).toBe(2);

  await server.request('recall', '', { method: 'DELETE' });
  await server.request('recall', '', { method: 'PUT' });
  expect(await answerIds(server)).toEqual([]);
  await syncNow(a.page);
  await expect.poll(() => answerIds(server), { timeout: 30_000 }).toEqual(await logIds(a.page));

  // An answer with a rating no app writes, put on the server directly.
  const ids = await logIds(a.page);
  const good = (await (await server.request('recall', `/${ids[0]}`)).json()) as Record<
    string,
    unknown
  >;
  const badId = `${(ids[0] as string).slice(0, 18)}ZZZZZZZZ`;
  await server.request('recall', `/${badId}`, {
    method: 'PUT',
    body: JSON.stringify({ ...good, _id: badId, _rev: undefined, rating: 9 })
  });
  await syncNow(a.page);
  const alert = a.page.getByRole('alert').filter({ hasText: 'skipped' });
  await expect(alert).toContainText('1 document from the server was skipped');
  await expect(alert).toContainText(`${badId}: rating:`);
  expect(await logIds(a.page)).toEqual(ids);
  await checkHistory(a.page);

  // Turning sync off keeps every answer here.
  await a.page.getByRole('button', { name: 'Turn off sync' }).click();
  await expect(status(a.page)).toHaveText('Sync is off.');
  expect(await answersStored(a.page)).toBe(2);

  expect(a.problems).toEqual([]);
  await a.context.close();
});

test('plain http to another host is refused, and a wrong password is said in words', async ({
  browser,
  baseURL,
  server
}) => {
  const a = await device(browser, baseURL as string, server);
  await a.page.goto('/settings');
  await a.page.getByLabel('Server address').fill('http://couch.example.com/recall');
  await a.page.getByLabel('User name').fill(syncUser);
  await a.page.getByLabel('Password', { exact: true }).fill(syncPassword);
  await a.page.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(a.page.getByRole('alert')).toContainText('Plain http is refused');

  await a.page.getByLabel('Server address').fill(server.url());
  await a.page.getByLabel('Password', { exact: true }).fill('wrong');
  await a.page.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(a.page.getByRole('alert')).toContainText('Wrong user name or password');
  // /review never loaded PouchDB while sync was off.
  expect(a.problems).toEqual([]);
  await a.context.close();
});
