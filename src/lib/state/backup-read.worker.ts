// Does the whole restore off the main thread: decompressing, parsing (one JSON.parse of a large
// file is a long task), checking every row, reading this device, working out the merge, and in
// the end writing it in one transaction (Dexie works in a worker, on the same database). The
// page gets the preview's figures and progress; 100,000 rows never cross to it, which cost
// seconds of copying and long tasks when they did.
import type { Backup } from '$lib/core/backup/format';
import { summarize } from '$lib/core/backup/merge';
import { parseBackupJson, readBackupText } from '$lib/core/backup/read';
import { BackupRefused, readBackup } from '$lib/core/backup/schema';
import { applyRestore, planRestore, readDevice, type RestorePlan } from '$lib/db/backup';
import type { ReaderMessage, ReaderRequest } from './backup-file';

const post = (message: ReaderMessage) => (self as unknown as Worker).postMessage(message);

let backup: Backup | undefined;
let plan: RestorePlan | undefined;
let controller: AbortController | undefined;

/** Times each stage, for the benchmark (the page records them as performance measures). */
const times: Record<string, number> = {};
async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    times[name] = performance.now() - start;
  }
}

function failure(error: unknown): ReaderMessage {
  if (error instanceof BackupRefused) return { type: 'refused', reason: error.reason };
  const value = error as { name?: unknown; message?: unknown; inner?: unknown } | null;
  const inner = value?.inner as { name?: unknown } | undefined;
  return {
    type: 'failed',
    name: typeof value?.name === 'string' ? value.name : 'Error',
    message: typeof value?.message === 'string' ? value.message : String(error),
    innerName: typeof inner?.name === 'string' ? inner.name : undefined
  };
}

async function preview(file: File, now: number, known: string[] | null): Promise<void> {
  for (const key of Object.keys(times)) delete times[key];
  const text = await timed('read-file', () =>
    readBackupText(file.stream(), file.size, undefined, (done) =>
      post({ type: 'progress', stage: 'reading', done, total: file.size })
    )
  );
  post({ type: 'progress', stage: 'checking', done: 0, total: 1 });
  const read = await timed('check', () =>
    readBackup(parseBackupJson(text), now, (done, total) =>
      post({ type: 'progress', stage: 'checking', done, total })
    )
  );
  post({ type: 'progress', stage: 'planning', done: 0, total: read.reviews.length });
  const snapshot = await timed('read-device', () => readDevice(Number.POSITIVE_INFINITY));
  const merge = await timed('plan-merge', () =>
    planRestore(read, 'merge', snapshot, (done, total) =>
      post({ type: 'progress', stage: 'planning', done, total })
    )
  );
  backup = read;
  plan = merge;
  post({
    type: 'preview',
    summary: summarize(read, new Set(known ?? read.reviews.map((row) => row.cardId))),
    newAnswers: merge.merge.newReviews.length,
    answersHere: merge.merge.reviewsHere,
    newEvents: merge.merge.newEvents.length,
    cardsRebuilt: merge.merge.rebuilt.size,
    newDrills: merge.merge.newDrills.length,
    deviceAnswers: snapshot.reviewCount,
    times: { ...times }
  });
}

async function restore(mode: 'merge' | 'replace'): Promise<void> {
  if (!backup || !plan) throw new Error('There is no previewed backup to restore.');
  for (const key of Object.keys(times)) delete times[key];
  // Made first: a cancel while the replace is planned stops it too (applyRestore checks it).
  const stop = new AbortController();
  controller = stop;
  const read = backup;
  let chosen = plan;
  if (mode === 'replace') {
    post({ type: 'progress', stage: 'planning', done: 0, total: read.reviews.length });
    // The preview's reading of this device still holds: the write checks nothing changed.
    chosen = await timed('plan-replace', () =>
      planRestore(read, 'replace', chosen.snapshot, (done, total) =>
        post({ type: 'progress', stage: 'planning', done, total })
      )
    );
  }
  post({ type: 'progress', stage: 'writing', done: 0, total: 1 });
  await timed('write', () =>
    applyRestore(chosen, {
      signal: stop.signal,
      progress: (done, total) => post({ type: 'progress', stage: 'writing', done, total })
    })
  );
  post({
    type: 'restored',
    added: mode === 'merge' ? chosen.reviews.length : read.reviews.length,
    reviewsHere: chosen.merge.reviewsHere,
    rebuilt: chosen.states.size,
    times: { ...times }
  });
  backup = undefined;
  plan = undefined;
}

self.onmessage = (event: MessageEvent<ReaderRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    controller?.abort();
    return;
  }
  const work =
    request.type === 'read'
      ? preview(request.file, request.now, request.known)
      : restore(request.mode);
  work.catch((error: unknown) => post(failure(error))).finally(() => (controller = undefined));
};
