import type { Page } from '@playwright/test';

/** How many answers the app's review log holds, read straight from IndexedDB. */
export async function answersStored(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('system-design-recall');
        request.onerror = () => reject(new Error('cannot open the database'));
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('reviews')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('reviews').objectStore('reviews').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      })
  );
}

/** Every cached card state, read straight from IndexedDB. */
export async function cardStates(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = indexedDB.open('system-design-recall');
        request.onerror = () => reject(new Error('cannot open'));
        request.onsuccess = () => {
          const all = request.result.transaction('cards').objectStore('cards').getAll();
          all.onsuccess = () => {
            request.result.close();
            resolve(all.result as unknown[]);
          };
        };
      })
  );
}

/** Damages the cache behind the app's back: one state wrong, one with no answer behind it. */
export async function damageCardStates(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('system-design-recall');
        request.onerror = () => reject(new Error('cannot open'));
        request.onsuccess = () => {
          const tx = request.result.transaction('cards', 'readwrite');
          const cards = tx.objectStore('cards');
          const first = cards.openCursor();
          first.onsuccess = () => {
            const cursor = first.result;
            if (!cursor) return;
            const state = cursor.value as { id: string; due: number; reps: number };
            cursor.update({ ...state, due: 0, reps: 42 });
            cards.put({ ...state, id: 'no-such-card' });
          };
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error('write failed'));
        };
      })
  );
}
