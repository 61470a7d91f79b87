// A realistic review history, made with the app's own scheduler: most cards reviewed many
// times over a year, a few hundred due today, some never seen.
import { makeEntryId } from '../src/lib/core/review/entry-id';
import { makeEntry, type LoggedEntry, type ReviewEntry } from '../src/lib/core/review/log';
import { paramsFrom, type CardState, type Rating } from '../src/lib/core/review/scheduler';
import { defaultSettings } from '../src/lib/core/review/settings';
import { dayMs } from '../src/lib/core/review/time';
import { seededRandom } from '../src/lib/core/review/shuffle';

/** The device id the seeded history was written on. */
export const seedDevice = 'BENCH000';

export interface Seed {
  /** Rows as the database stores them, less `seq` (the database numbers them). */
  entries: Omit<LoggedEntry, 'seq'>[];
  states: Map<string, CardState>;
  /** Of the entries, how many are scheduled answers; the rest are study-ahead answers. */
  scheduled: number;
}

/**
 * `reviews` answers over the first `seen` share of `cardIds`, simulated day by day the way a
 * steady learner studies (25 new cards a day, every due card answered), then shifted so the
 * history ends just before `now`. The remaining cards stay new. A steady learner of 10,000
 * cards gives about 360,000 scheduled answers in the 20 simulated years; a larger history is
 * made up to the size asked with study-ahead answers ("Study now", which log but do not
 * schedule), spread over the same days, and the caller prints how many of each.
 */
export function seedHistory(
  cardIds: readonly string[],
  reviews: number,
  now: number,
  seen = 0.85
): Seed {
  const random = seededRandom(42);
  const params = paramsFrom(defaultSettings);
  const studied = cardIds.slice(0, Math.floor(cardIds.length * seen));
  const states = new Map<string, CardState>();
  const entries: ReviewEntry[] = [];
  let introduced = 0;
  const answer = (id: string, at: number) => {
    const roll = random();
    const rating = (roll < 0.1 ? 1 : roll < 0.2 ? 2 : roll < 0.95 ? 3 : 4) as Rating;
    const entry = makeEntry({
      cardId: id,
      rating,
      now: at,
      durationMs: 3000 + random() * 9000,
      mode: 'review',
      scheduled: true,
      params,
      before: states.get(id)
    });
    entries.push(entry);
    if (entry.after) states.set(id, entry.after);
  };
  let day = 0;
  for (; entries.length < reviews && day < 20 * 365; day += 1) {
    const dayStart = day * dayMs + 8 * 3_600_000;
    let at = dayStart;
    // Learning steps bring cards back within minutes, so a day is answered in a few passes.
    for (let pass = 0; pass < 4 && entries.length < reviews; pass += 1) {
      for (const [id, state] of states) {
        if (entries.length >= reviews) break;
        if (state.due <= at) {
          at += 5000 + random() * 10_000;
          answer(id, at);
        }
      }
      at += 15 * 60_000;
    }
    for (let n = 0; n < 25 && introduced < studied.length && entries.length < reviews; n += 1) {
      at += 5000 + random() * 10_000;
      answer(studied[introduced] as string, at);
      introduced += 1;
    }
  }
  // Move the whole history so its last day ends an hour before `now`, answering each again at
  // its final time: fuzz depends on the time, and every stored state must be exactly what
  // replaying the log gives, as in the app.
  const shift = now - 3_600_000 - day * dayMs;
  const finalStates = new Map<string, CardState>();
  const finalEntries = entries.map((first) => {
    const entry = makeEntry({
      cardId: first.cardId,
      rating: first.rating,
      now: first.reviewedAt + shift,
      durationMs: first.durationMs,
      mode: first.mode,
      scheduled: first.scheduled,
      params: first.params,
      before: finalStates.get(first.cardId)
    });
    if (entry.after) finalStates.set(entry.cardId, entry.after);
    return entry;
  });
  const scheduled = finalEntries.length;
  const studied_ = studied.length > 0 ? studied : cardIds;
  const first = finalEntries[0]?.reviewedAt ?? now - 365 * dayMs;
  const span = Math.max(1, now - 3_600_000 - first);
  const extra: ReviewEntry[] = [];
  for (let i = 0; scheduled + extra.length < reviews && studied_.length > 0; i += 1) {
    const id = studied_[i % studied_.length] as string;
    const state = finalStates.get(id);
    extra.push(
      makeEntry({
        cardId: id,
        rating: random() < 0.15 ? 1 : 3,
        now: first + Math.floor(((i + 0.5) / (reviews - scheduled)) * span),
        durationMs: 3000 + random() * 9000,
        mode: 'cram',
        scheduled: false,
        params,
        before: state
      })
    );
  }
  // In answer order, as the log is; each row with its id, as the app writes it.
  const all = [...finalEntries, ...extra].sort((a, b) => a.reviewedAt - b.reviewedAt);
  const rows = all.map((entry) => ({ ...entry, id: makeEntryId(entry.reviewedAt, seedDevice) }));
  return { entries: rows, states: finalStates, scheduled };
}
