/// <reference lib="webworker" />
// The FSRS optimizer, off the main thread: reads the log from IndexedDB itself (so the page
// never holds or copies 50,000 rows), converts it with the core, measures the weights in
// force, trains with fsrs-browser and measures the result. fsrs-browser's JavaScript is
// imported statically, so the worker is one file the service worker precaches (SvelteKit lists
// a worker's entry but not its chunks); its WebAssembly (436 KB gzip) is fetched only by
// `init` when training starts, from the URL the page passes. The training call is
// synchronous; in a worker it freezes nothing, and "Cancel" terminates the worker.
import init, { Fsrs } from 'fsrs-browser';
import { evaluate } from '../core/optimizer/evaluate';
import {
  cardHistories,
  countReviews,
  trainingSet,
  type CardHistory
} from '../core/optimizer/items';
import { readEntryRows } from '../core/review/entry-guard';
import { forgottenTimes, replayEvents } from '../core/review/events';
import { database } from '../db/database';
import { loadEvents } from '../db/events';
import { minimumReviews, type HistoryRequest, type OptimizerMessage } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const say = (message: OptimizerMessage) => scope.postMessage(message);

async function readHistory(
  request: HistoryRequest
): Promise<{ histories: CardHistory[]; answers: number }> {
  const [rows, events] = await Promise.all([database().reviews.toArray(), loadEvents()]);
  const { entries } = readEntryRows(rows);
  const histories = cardHistories(entries, {
    dayStartsAtHour: request.dayStartsAtHour,
    timeZone: request.timeZone,
    forgotten: forgottenTimes(replayEvents(events))
  });
  return { histories, answers: rows.length };
}

async function train(request: HistoryRequest): Promise<void> {
  say({ kind: 'step', step: 'reading' });
  const { histories } = await readHistory(request);
  const reviews = countReviews(histories);
  if (reviews < minimumReviews) {
    say({
      kind: 'failed',
      message: `Training needs at least ${minimumReviews} reviews; your history has ${reviews}.`
    });
    return;
  }
  say({ kind: 'step', step: 'measuring' });
  const current = evaluate(request.current ?? undefined, histories);
  say({ kind: 'step', step: 'training' });
  const set = trainingSet(histories);
  // One thread: initThreadPool needs cross-origin isolation, which a static host rarely gives.
  await init({ module_or_path: request.wasmUrl });
  const started = performance.now();
  const weights = Array.from(
    new Fsrs().computeParameters(set.ratings, set.deltaTs, set.lengths, undefined, true)
  );
  const trainingMs = performance.now() - started;
  say({ kind: 'step', step: 'checking' });
  const fitted = evaluate(weights, histories);
  say({ kind: 'trained', weights, current, fitted, reviews, trainingMs });
}

scope.addEventListener('message', (event: MessageEvent<HistoryRequest>) => {
  const request = event.data;
  if (request?.kind !== 'count' && request?.kind !== 'train') return;
  const work =
    request.kind === 'count'
      ? readHistory(request).then(({ histories, answers }) =>
          say({
            kind: 'counted',
            answers,
            reviews: countReviews(histories),
            cards: histories.length
          })
        )
      : train(request);
  work.catch((error: unknown) =>
    say({
      kind: 'failed',
      message: `The optimizer stopped: ${error instanceof Error ? error.message : String(error)}`
    })
  );
});
