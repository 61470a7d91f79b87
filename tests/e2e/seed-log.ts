// Writes a review history straight into the app's IndexedDB, the way the benchmark does: rows in
// chunks passed as JSON strings (Playwright passes one string far faster than thousands of
// objects), then the card states replaying them gives, and optionally the settings row.
import type { Page } from '@playwright/test';
import { inAnswerOrder, replayHistory, type LoggedEntry } from '../../src/lib/core/review/log';
import type { ReviewSettings } from '../../src/lib/core/review/settings';

/** Adds `rows` to the review log as they are, in chunks; states and settings are left alone. */
export async function writeLogRows(
  page: Page,
  rows: readonly unknown[],
  onProgress?: (written: number) => void
): Promise<void> {
  const chunk = 5000;
  for (let i = 0; i < rows.length; i += chunk) {
    await page.evaluate(
      (json) =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('system-design-recall');
          open.onerror = () => fail(new Error('open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('reviews', 'readwrite');
            for (const row of JSON.parse(json) as unknown[]) tx.objectStore('reviews').add(row);
            tx.oncomplete = () => {
              db.close();
              done();
            };
            tx.onerror = () => fail(tx.error ?? new Error('write failed'));
          };
        }),
      JSON.stringify(rows.slice(i, i + chunk))
    );
    onProgress?.(Math.min(rows.length, i + chunk));
  }
}

export async function seedLog(
  page: Page,
  rows: Omit<LoggedEntry, 'seq'>[],
  settings?: ReviewSettings,
  onProgress?: (written: number) => void
): Promise<void> {
  await writeLogRows(page, rows, onProgress);
  const states = replayHistory(inAnswerOrder(rows));
  const cards = JSON.stringify([...states].map(([id, state]) => ({ id, ...state })));
  await page.evaluate(
    ({ cards, settings }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('system-design-recall');
        open.onerror = () => fail(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['cards', 'settings'], 'readwrite');
          for (const card of JSON.parse(cards) as unknown[]) tx.objectStore('cards').put(card);
          if (settings)
            tx.objectStore('settings').put({ key: 'review', value: JSON.parse(settings) });
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error ?? new Error('write failed'));
        };
      }),
    { cards, settings: settings ? JSON.stringify(settings) : undefined }
  );
}
