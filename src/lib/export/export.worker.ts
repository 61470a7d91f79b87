// "Export to Anki" and "Export review log (CSV)" run here, in a Web Worker: it reads the deck,
// the log, the states and the marks itself (IndexedDB and fetch work in a worker, and the
// service worker answers its fetches offline), builds the file with the pure builders in
// core/export, and hands the bytes back. Two reasons for a worker: a long history is packed
// without holding up the page; and sql.js and papaparse are CommonJS, whose bundler helpers
// landed in the chunk every page loads when they were bundled with the pages, while a worker
// is a bundle of its own. None of this code is in any page's chunks.
import initSqlJs from 'sql.js';
import { buildAnkiPackage } from '$lib/core/export/anki';
import { reviewLogRows } from '$lib/core/export/review-csv';
import { reviewLogCsv } from '$lib/core/export/review-csv-text';
import type { Card } from '$lib/core/content/types';
import { readEntryRows } from '$lib/core/review/entry-guard';
import type { LoggedEntry } from '$lib/core/review/log';
import { deviceTimeZone } from '$lib/core/review/time';
import { database } from '$lib/db/database';
import { loadMarks } from '$lib/db/events';
import { loadSettings, loadStates } from '$lib/db/reviews';
import { loadDeck, loadLessonCards } from '$lib/state/deck';

export interface ExportRequest {
  job: 'anki' | 'csv';
  now: number;
  /** Where sql.js's WebAssembly is: the page's own built asset (see exports.ts). */
  wasmUrl: string;
}

export type ExportReply =
  | { kind: 'step'; message: string }
  | {
      kind: 'done';
      bytes: Uint8Array<ArrayBuffer>;
      counts: { notes: number; cards: number; reviews: number; decks: number; rows: number };
      answersLeftOut: number;
    }
  | { kind: 'failed'; message: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ExportRequest>) => void) | null;
  postMessage: (message: ExportReply, transfer?: Transferable[]) => void;
};

const step = (message: string) => scope.postMessage({ kind: 'step', message });

/** Every readable answer in the log (unreadable rows are left out, as replay leaves them). */
async function loadLog(): Promise<LoggedEntry[]> {
  return readEntryRows(await database().reviews.toArray()).entries;
}

async function ankiPackage(now: number, wasmUrl: string): Promise<ExportReply> {
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
  const SQL = await initSqlJs({ locateFile: () => wasmUrl });
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
  return {
    kind: 'done',
    bytes: pkg.bytes as Uint8Array<ArrayBuffer>,
    counts: { ...pkg.counts, reviews: pkg.counts.revlog, rows: 0 },
    answersLeftOut: pkg.answersLeftOut
  };
}

async function reviewLogFile(): Promise<ExportReply> {
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
  return {
    kind: 'done',
    bytes: new TextEncoder().encode(reviewLogCsv(rows)),
    counts: { notes: 0, cards: 0, reviews: 0, decks: 0, rows: rows.length },
    answersLeftOut: 0
  };
}

scope.onmessage = (event) => {
  const { job, now, wasmUrl } = event.data;
  (job === 'anki' ? ankiPackage(now, wasmUrl) : reviewLogFile()).then(
    (reply) => {
      scope.postMessage(reply, reply.kind === 'done' ? [reply.bytes.buffer] : []);
      database().close();
    },
    (error: unknown) =>
      scope.postMessage({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error)
      })
  );
};
