import { formatHistoryCheck } from '$lib/core/review/format';
import { describeStorageError } from './errors';

/** Settings' "Check review history": replays the log and repairs card schedules that differ. */
export class HistoryChecker {
  busy = $state(false);
  message = $state('');

  async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.message = 'Checking your review history…';
    performance.mark('history-check:start');
    try {
      // Loaded when asked for: the replay needs the scheduler, which Settings does not load.
      const { checkHistory } = await import('$lib/db/repair');
      const check = await checkHistory((done, total) => {
        this.message = `Checking your review history… ${done.toLocaleString('en')} of ${total.toLocaleString('en')} answers`;
      });
      this.message = formatHistoryCheck(check);
      performance.measure('history-check', 'history-check:start');
    } catch (error) {
      this.message = describeStorageError(error);
    } finally {
      this.busy = false;
    }
  }
}
