import { drillLengths, type DrillLength } from '../core/drill/lengths';
import { database } from './database';
import type { StoredDrill } from './schema';

export async function saveDrill(drill: StoredDrill): Promise<number> {
  return (await database().drills.add(drill)) as number;
}

/** Every finished drill, oldest first. */
export async function listDrills(): Promise<StoredDrill[]> {
  return database().drills.orderBy('startedAt').toArray();
}

/** How often each card was answered "Again" (a miss), from the review log. */
export async function missCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await database()
    .reviews.where('rating')
    .equals(1)
    .each((row) => counts.set(row.cardId, (counts.get(row.cardId) ?? 0) + 1));
  return counts;
}

const interviewKey = 'interview-date';

export async function loadInterviewDate(): Promise<string | undefined> {
  const row = await database().meta.get(interviewKey);
  return typeof row?.value === 'string' ? row.value : undefined;
}

export async function saveInterviewDate(date: string | undefined): Promise<void> {
  if (date) await database().meta.put({ key: interviewKey, value: date });
  else await database().meta.delete(interviewKey);
}

const setupKey = 'drill-setup';

/** How the learner last set up a drill: offered again next time. */
export interface DrillSetupChoice {
  length: DrillLength;
  practiceOnly: boolean;
}

export async function loadDrillSetup(): Promise<DrillSetupChoice | undefined> {
  const value = (await database().meta.get(setupKey))?.value as Partial<DrillSetupChoice> | null;
  if (!value || !drillLengths.includes(value.length as DrillLength)) return undefined;
  return { length: value.length as DrillLength, practiceOnly: value.practiceOnly === true };
}

export async function saveDrillSetup(choice: DrillSetupChoice): Promise<void> {
  await database().meta.put({ key: setupKey, value: { ...choice } });
}
