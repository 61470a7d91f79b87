import { formatHistoryCheck } from '$lib/core/review/check-report';
import { describeStorageError } from './errors';

/** Settings' "Check review history": replays the log and repairs card schedules that differ. */
export class HistoryChecker {
  busy = $state(false);
  message = $state('');
  /** Answers replayed so far, of `total`: shown as a progress bar, not announced each time. */
  done = $state(0);
  total = $state(0);

  async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.message = 'Checking your review history…';
    performance.mark('history-check:start');
    try {
      // Loaded when asked for: the replay needs the scheduler, which Settings does not load.
      const { checkHistory } = await import('$lib/db/repair');
      const check = await checkHistory((done, total) => {
        this.done = done;
        this.total = total;
      });
      this.message = formatHistoryCheck(check);
      performance.measure('history-check', 'history-check:start');
    } catch (error) {
      this.message = describeStorageError(error);
    } finally {
      this.busy = false;
      this.total = 0;
    }
  }
}
