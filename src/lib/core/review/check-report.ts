/** The result of checking card schedules against the review log, in a sentence. */
export function formatHistoryCheck(check: {
  answers: number;
  cards: number;
  repaired: number;
  /** Rows that could not be read and were left out of the replay. */
  skipped?: readonly unknown[];
}): string {
  const skipped = check.skipped?.length ?? 0;
  const result = describeCheck(check);
  return skipped === 0 ? result : `${result} ${skippedMessage(skipped)}`;
}

/** "2 answers could not be read and were skipped." */
export function skippedMessage(count: number): string {
  return count === 1
    ? '1 answer could not be read and was skipped.'
    : `${count.toLocaleString('en')} answers could not be read and were skipped.`;
}

function describeCheck(check: { answers: number; cards: number; repaired: number }): string {
  const n = (value: number) => value.toLocaleString('en');
  if (check.answers === 0) return 'There is no review history yet, so there is nothing to check.';
  const checked = `Checked ${n(check.answers)} answer${check.answers === 1 ? '' : 's'}`;
  if (check.repaired === 0)
    return `${checked}: every card schedule (${n(check.cards)}) matches your history.`;
  return check.repaired === 1
    ? `${checked}: 1 card schedule did not match your history and was rebuilt from it.`
    : `${checked}: ${n(check.repaired)} card schedules did not match your history and were rebuilt from it.`;
}
