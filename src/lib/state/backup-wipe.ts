// The wipe detector: a small marker kept outside IndexedDB (localStorage and the Cache Storage)
// that remembers this browser held answers. When the database is empty but a marker is not,
// the browser cleared the study data (storage eviction, "clear site data") and the layout says
// so. Loaded after the page has started; it reads one key of the log (its last sequence
// number), with plain IndexedDB so pages that do not load Dexie (a lesson) do not load it for
// this. It counted the log once: most of a second at 1,000,000 answers, on every page.
import { readWipeMarker, type WipeMarker } from '$lib/core/backup/wipe-marker';

const storageKey = 'system-design-recall:had-answers';
const cacheName = 'system-design-recall-wipe-marker';
const cacheUrl = '/__wipe-marker';

async function readCacheMarker(): Promise<WipeMarker | undefined> {
  if (typeof caches === 'undefined') return undefined;
  const response = await (await caches.open(cacheName)).match(cacheUrl);
  return response ? readWipeMarker(await response.text()) : undefined;
}

function readLocalMarker(): WipeMarker | undefined {
  try {
    return readWipeMarker(localStorage.getItem(storageKey));
  } catch {
    return undefined;
  }
}

async function writeMarker(marker: WipeMarker): Promise<void> {
  const text = JSON.stringify(marker);
  try {
    localStorage.setItem(storageKey, text);
  } catch {
    // Storage refused (private mode, full): the Cache Storage copy may still work.
  }
  if (typeof caches !== 'undefined')
    await (await caches.open(cacheName)).put(cacheUrl, new Response(text));
}

const databaseName = 'system-design-recall';

/**
 * The log's last sequence number in the app's database (0: no answers), without creating it:
 * where the browser lists databases and this one is not there, there are none (opening it
 * would make an empty one). One key read from the end of the log, whatever its size.
 */
async function lastAnswerSeq(): Promise<number> {
  if (typeof indexedDB === 'undefined') return 0;
  if (typeof indexedDB.databases === 'function') {
    const names = (await indexedDB.databases()).map((info) => info.name);
    if (!names.includes(databaseName)) return 0;
  }
  return new Promise<number>((resolve, reject) => {
    const request = indexedDB.open(databaseName);
    // The caller says nothing of a failed check (the banner stays hidden): no message needed.
    request.onerror = () => reject(request.error);
    // Only where the browser cannot list databases: this open made an empty one; take it back.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('reviews')) {
        db.close();
        resolve(0);
        return;
      }
      const last = db.transaction('reviews').objectStore('reviews').openKeyCursor(null, 'prev');
      // Closes once the read is done (a connection waits for its transactions).
      db.close();
      last.onsuccess = () => resolve(Number(last.result?.primaryKey ?? 0));
      last.onerror = () => reject(last.error);
    };
  });
}

/** Forgets the marker: after "Reset all progress", or when the learner starts over. */
export async function clearWipeMarker(): Promise<void> {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Nothing to remove where storage is refused.
  }
  if (typeof caches !== 'undefined') await caches.delete(cacheName);
}

/**
 * Compares the log with the marker: answers there → the marker is brought up to date (false);
 * none, with a marker saying there were → the data was wiped (true).
 */
export async function checkForWipe(now = Date.now()): Promise<boolean> {
  const answers = await lastAnswerSeq();
  const kept = readLocalMarker() ?? (await readCacheMarker().catch(() => undefined));
  if (answers > 0) {
    // Written again when the log has changed since: the marker's time says when answers were
    // last seen here.
    if (!kept || kept.answers !== answers) await writeMarker({ answers, at: now });
    return false;
  }
  return kept !== undefined;
}
