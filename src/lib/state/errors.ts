/** A storage failure in words a learner can act on. */
export function describeStorageError(error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | undefined)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return 'Your device is out of storage space, so this answer could not be saved. Free some space, then press “Try again”: the answer is kept.';
  }
  if (name === 'MissingAPIError' || name === 'InvalidStateError' || name === 'OpenFailedError') {
    return 'This browser is not letting the app store data (a private window can do this). Lessons still work, but answers cannot be saved.';
  }
  if (name === 'DatabaseClosedError') return 'A newer version is open in another tab — reload';
  const message = error instanceof Error ? error.message : String(error);
  return `Something went wrong while saving: ${message}`;
}
