// Kept apart from the database itself so any page can listen without loading Dexie.

/** Why the database cannot be used right now, in words for the learner. */
export type DatabaseProblem = {
  kind: 'newer-version' | 'blocked' | 'unavailable';
  message: string;
};

/** `undefined`: the problem reported before is over (a blocked upgrade went through). */
type Listener = (problem: DatabaseProblem | undefined) => void;
const listeners = new Set<Listener>();

export const newerVersionMessage = 'A newer version is open in another tab — reload';
export const blockedMessage =
  'The app was updated, but another tab still has the old version open. Close the other tabs of this app to finish the update.';

let current: DatabaseProblem | undefined;

/** Tells every listener; the same problem twice in a row is told once. */
export function reportDatabaseProblem(problem: DatabaseProblem): void {
  if (current?.kind === problem.kind) return;
  current = problem;
  for (const listener of listeners) listener(problem);
}

/** The problem reported is over: a blocked upgrade completed. */
export function clearDatabaseProblem(kind: DatabaseProblem['kind']): void {
  if (current?.kind !== kind) return;
  current = undefined;
  for (const listener of listeners) listener(undefined);
}

/** Whether this tab closed its connection because another tab opened a newer schema. */
export function closedForNewerVersion(): boolean {
  return current?.kind === 'newer-version';
}

/**
 * Calls `listener` whenever the database becomes unusable, and with `undefined` when that is
 * over; a listener added while a problem stands is told it at once. Returns an unsubscribe
 * function.
 */
export function onDatabaseProblem(listener: Listener): () => void {
  listeners.add(listener);
  if (current) listener(current);
  return () => listeners.delete(listener);
}

/** For tests, and a database opened afresh: no problem stands. */
export function forgetDatabaseProblem(): void {
  current = undefined;
}
