// The page's half of "Export to Anki" and "Export review log (CSV)": starts the export worker
// (export.worker.ts, which reads the data and builds the file), passes on its progress, and
// downloads what it makes. Loaded by Settings only when a button is pressed.
// The wasm is imported here, not in the worker, so it is one of the page build's assets: those
// are what the service worker precaches (the worker's own assets are not), so the export
// works offline. It is a hashed file of this origin; nothing is fetched from elsewhere.
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { ExportReply, ExportRequest } from './export.worker';

/** The file name of an export made at `now`: the app's name and the local date. */
export function exportFileName(now: number, extension: string): string {
  const date = new Date(now);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
  return `system-design-recall-${day}.${extension}`;
}

/** Hands `bytes` to the browser as a download named `name`. */
function download(bytes: BlobPart, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns: let it go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Done = Extract<ExportReply, { kind: 'done' }>;

/** Runs one export in a fresh worker, which ends with it. */
function inWorker(
  request: Omit<ExportRequest, 'wasmUrl'>,
  step: (message: string) => void
): Promise<Done> {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Done>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ExportReply>) => {
      const reply = event.data;
      if (reply.kind === 'step') step(reply.message);
      else if (reply.kind === 'done') resolve(reply);
      else reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'The export could not start.'));
    };
    worker.postMessage({ ...request, wasmUrl: new URL(sqlWasmUrl, location.href).href });
  }).finally(() => worker.terminate());
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Builds the .apkg and downloads it; returns the line the status shows. */
export async function exportToAnki(step: (message: string) => void, now = Date.now()) {
  const done = await inWorker({ job: 'anki', now }, step);
  const fileName = exportFileName(now, 'apkg');
  download(done.bytes, fileName, 'application/octet-stream');
  const { notes, cards, reviews, decks } = done.counts;
  const left = done.answersLeftOut
    ? ` ${count(done.answersLeftOut, 'answer')} to cards no longer in the lessons stayed out.`
    : '';
  return `Saved ${fileName}: ${count(notes, 'note')}, ${count(cards, 'card')}, ${count(reviews, 'review')} in ${count(decks, 'deck')}.${left}`;
}

/** Builds the review log CSV and downloads it; returns the line the status shows. */
export async function exportReviewLog(step: (message: string) => void, now = Date.now()) {
  const done = await inWorker({ job: 'csv', now }, step);
  const fileName = exportFileName(now, 'csv');
  download(done.bytes, fileName, 'text/csv;charset=utf-8');
  return `Saved ${fileName}: ${count(done.counts.rows, 'answer')}, one row each.`;
}
