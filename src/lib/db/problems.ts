// Kept apart from the database itself so any page can listen without loading Dexie.

/** Why the database cannot be used right now, in words for the learner. */
export type DatabaseProblem = {
  kind: 'newer-version' | 'blocked' | 'unavailable';
  message: string;
};

type Listener = (problem: DatabaseProblem) => void;
const listeners = new Set<Listener>();

export const newerVersionMessage = 'A newer version is open in another tab — reload';
export const blockedMessage =
  'The app was updated, but another tab still has the old version open. Close the other tabs of this app to finish the update.';

export function reportDatabaseProblem(problem: DatabaseProblem): void {
  for (const listener of listeners) listener(problem);
}

/** Calls `listener` whenever the database becomes unusable; returns an unsubscribe function. */
export function onDatabaseProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
