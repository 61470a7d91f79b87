import { closedForNewerVersion, newerVersionMessage } from '$lib/db/problems';

/** The error and the errors it wraps (Dexie keeps the cause of a failure in `inner`). */
function names(error: unknown): string[] {
  const found: string[] = [];
  let current = error as { name?: unknown; inner?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (typeof current.name === 'string') found.push(current.name);
    current = current.inner as typeof current;
  }
  return found;
}

const noStorage = ['MissingAPIError', 'OpenFailedError', 'InvalidStateError', 'SecurityError'];

export const noStorageMessage =
  'This browser is not letting the app store data (a private window can do this). Lessons still work, but answers cannot be saved.';

/** Why storage cannot be used, when that is the reason, in words a learner can act on. */
function storageProblem(error: unknown): string | undefined {
  const all = names(error);
  if (all.some((name) => noStorage.includes(name))) return noStorageMessage;
  if (all[0] === 'DatabaseClosedError')
    return closedForNewerVersion()
      ? newerVersionMessage
      : 'The app lost its connection to its storage. Reload the page: nothing saved is lost.';
  return undefined;
}

/** A failure to save an answer in words a learner can act on. */
export function describeStorageError(error: unknown): string {
  if (names(error).includes('QuotaExceededError')) {
    return 'Your device is out of storage space, so this answer could not be saved. Free some space, then press “Try again”: the answer is kept.';
  }
  const problem = storageProblem(error);
  if (problem) return problem;
  const message = error instanceof Error ? error.message : String(error);
  return `Something went wrong while saving: ${message}`;
}

/** A failure to load a session or its next card, told apart from a failed save. */
export function describeLoadError(error: unknown): string {
  const problem = storageProblem(error);
  if (problem) return problem;
  const message = error instanceof Error ? error.message : String(error);
  return `Something went wrong while loading: ${message}`;
}
