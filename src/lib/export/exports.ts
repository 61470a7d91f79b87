// "Export to Anki" and "Export review log (CSV)" in the browser: gathers the deck, the log, the
// states and the marks, hands them to the pure builders in core/export, and downloads the file.
// Loaded by Settings only when one of the buttons is pressed: sql.js, its WebAssembly, fflate
// and papaparse stay out of every page until then.
import initSqlJs from 'sql.js';
// The wasm is a built asset of this origin (hashed, precached by the service worker), so the
// export works offline and nothing is fetched from elsewhere.
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { buildAnkiPackage, type AnkiPackage } from '$lib/core/export/anki';
import { reviewLogCsv, reviewLogRows } from '$lib/core/export/review-csv';
import type { Card } from '$lib/core/content/types';
import { readEntryRows } from '$lib/core/review/entry-guard';
import type { LoggedEntry } from '$lib/core/review/log';
import { deviceTimeZone } from '$lib/core/review/time';
import { database } from '$lib/db/database';
import { loadMarks } from '$lib/db/events';
import { loadSettings, loadStates } from '$lib/db/reviews';
import { loadDeck, loadLessonCards } from '$lib/state/deck';

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

/** Every readable answer in the log (unreadable rows are left out, as replay leaves them). */
async function loadLog(): Promise<LoggedEntry[]> {
  return readEntryRows(await database().reviews.toArray()).entries;
}

export interface ExportResult {
  fileName: string;
  summary: string;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Builds the .apkg and downloads it. `step` is told what is happening, for the status line. */
export async function exportToAnki(
  step: (message: string) => void,
  now = Date.now()
): Promise<ExportResult & { pkg: AnkiPackage }> {
  step('Loading the cards…');
  const deck = await loadDeck();
  const lessonCards = await Promise.all(deck.index.lessons.map((l) => loadLessonCards(l.slug)));
  const cards: Card[] = lessonCards.flatMap((map) => [...map.values()]);
  step('Reading your review history…');
  const [log, states, marks, settings] = await Promise.all([
    loadLog(),
    loadStates(),
    loadMarks(),
    loadSettings()
  ]);
  step('Building the Anki package…');
  const SQL = await initSqlJs({ locateFile: () => sqlWasmUrl });
  const pkg = buildAnkiPackage(SQL, {
    lessons: deck.index.lessons,
    cards,
    log,
    states,
    marks,
    settings,
    timeZone: deviceTimeZone(),
    now
  });
  const fileName = exportFileName(now, 'apkg');
  download(pkg.bytes as Uint8Array<ArrayBuffer>, fileName, 'application/octet-stream');
  const left = pkg.answersLeftOut
    ? ` ${plural(pkg.answersLeftOut, 'answer')} to cards no longer in the lessons stayed out.`
    : '';
  return {
    fileName,
    pkg,
    summary: `Saved ${fileName}: ${plural(pkg.counts.notes, 'note')}, ${plural(pkg.counts.cards, 'card')}, ${plural(pkg.counts.revlog, 'review')} in ${plural(pkg.counts.decks, 'deck')}.${left}`
  };
}

/** Builds the review log CSV and downloads it. */
export async function exportReviewLog(
  step: (message: string) => void,
  now = Date.now()
): Promise<ExportResult & { rows: number }> {
  step('Reading your review history…');
  const [deck, log] = await Promise.all([loadDeck(), loadLog()]);
  const rows = reviewLogRows(log, (cardId) => {
    const card = deck.byId.get(cardId);
    return card
      ? {
          lesson: deck.lessonTitle(card.lesson),
          topic: deck.sectionTitle(card.lesson, card.section),
          kind: card.kind
        }
      : undefined;
  });
  step('Writing the CSV file…');
  const fileName = exportFileName(now, 'csv');
  download(reviewLogCsv(rows), fileName, 'text/csv;charset=utf-8');
  return {
    fileName,
    rows: rows.length,
    summary: `Saved ${fileName}: ${plural(rows.length, 'answer')}, one row each.`
  };
}
