// Writing the review settings: the settings form, and the optimizer's weights. Reading them is
// `loadSettings` in reviews.ts, which every page needs; these only Settings and the interview
// date do.
import { normalizeSettings, type ReviewSettings } from '../core/review/settings';
import { database } from './database';

/**
 * Saves the settings form. The FSRS weights are not the form's: the stored ones are kept, so a
 * form opened before "Use these parameters" never puts the old weights back.
 */
export async function saveSettings(settings: ReviewSettings): Promise<ReviewSettings> {
  const db = database();
  return db.transaction('rw', db.settings, async () => {
    const stored = normalizeSettings(
      (await db.settings.get('review'))?.value as Partial<ReviewSettings> | undefined
    );
    const clean = normalizeSettings({
      ...settings,
      weights: stored.weights,
      weightsSince: stored.weightsSince,
      previousWeights: stored.previousWeights
    });
    await db.settings.put({ key: 'review', value: clean });
    return clean;
  });
}

/**
 * Puts FSRS weights in force from `now` (null: back to the defaults), keeping the set they
 * replace. Every answer after this records them in its params.
 */
export async function saveWeights(weights: number[] | null, now: number): Promise<ReviewSettings> {
  const db = database();
  return db.transaction('rw', db.settings, async () => {
    const stored = normalizeSettings(
      (await db.settings.get('review'))?.value as Partial<ReviewSettings> | undefined
    );
    const clean = normalizeSettings({
      ...stored,
      weights,
      weightsSince: now,
      previousWeights: stored.weights
    });
    await db.settings.put({ key: 'review', value: clean });
    return clean;
  });
}
