// The front-of-queue list ("Review my misses", set from a drill's report): the cards today's
// review shows first. The review page reads it; the rest of the drill's storage is in drills.ts.
import { database } from './database';

export const priorityKey = 'priority-cards';

/** Cards to put in front of today's queue ("Review my misses"). */
export async function setPriorityCards(ids: string[]): Promise<void> {
  await database().meta.put({ key: priorityKey, value: ids });
}

/** The front-of-queue list as stored, checked. */
export function priorityOf(value: unknown): string[] {
  return Array.isArray(value)
    ? (value as unknown[]).filter((id): id is string => typeof id === 'string')
    : [];
}

export async function loadPriorityCards(): Promise<string[]> {
  return priorityOf((await database().meta.get(priorityKey))?.value);
}
