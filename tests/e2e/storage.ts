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
