import { paramsFrom, type CardState } from '$lib/core/review/scheduler';
import type { ReviewSettings } from '$lib/core/review/settings';
import { addRecallNow, type CardFacts } from '$lib/core/stats/cards';
import type { DayGrid } from '$lib/core/stats/days';
import { addAnswers, emptyLogColumns, type LogColumns } from '$lib/core/stats/log-columns';
import { loadMarks } from '$lib/db/events';
import { readLogInParts, readStatesInParts } from '$lib/db/stats';
import type { Deck } from '$lib/state/deck';

/**
 * The card states and marks, with each card's retrievability now, read a part at a time:
 * everything the cheap charts need.
 */
export async function readCards(
  deck: Deck,
  settings: ReviewSettings,
  now: number
): Promise<{ facts: CardFacts; recall: Map<string, number> }> {
  const marks = await loadMarks();
  const params = paramsFrom(settings);
  const states = new Map<string, CardState>();
  const recall = new Map<string, number>();
  await readStatesInParts((part) => {
    for (const [id, state] of part) states.set(id, state);
    addRecallNow(recall, part, params, now);
  });
  return { facts: { cards: deck.cards, states, marks }, recall };
}

/** The whole review log as columns over `grid`, read a part at a time. */
export async function readHistory(
  deck: Deck,
  grid: DayGrid,
  progress: (done: { read: number; total: number }) => void
): Promise<{ columns: LogColumns; skipped: number }> {
  const cardIndex = new Map(deck.cards.map((card, i) => [card.id, i]));
  let columns = emptyLogColumns(4096);
  const { skipped } = await readLogInParts((entries, done) => {
    columns = addAnswers(columns, entries, cardIndex, grid);
    progress(done);
  });
  return { columns, skipped };
}
