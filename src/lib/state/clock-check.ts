import { latestAnswerAt } from '$lib/db/reviews';
import { clock } from './clock';

/** A clock this far behind the latest answer is worth telling about (not a few seconds' drift). */
const toleranceMs = 5 * 60_000;
const shownKey = 'clock-behind-shown';
let shown = false;

function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The words for a device clock behind the latest answer, or undefined when it is not. */
export function clockBehindMessage(now: number, latest: number | undefined): string | undefined {
  if (latest === undefined || latest - now <= toleranceMs) return undefined;
  return `Your device's clock says ${formatWhen(now)}, but your latest answer was given at ${formatWhen(latest)}. Check the date and time in your device's settings. The app keeps working: cards are scheduled from the latest answer, and nothing is lost.`;
}

/**
 * Whether to tell the learner now that the device clock is behind their latest answer: once
 * per visit (this tab), not on every page.
 */
export async function clockWarning(): Promise<string | undefined> {
  if (shown || sessionStorage.getItem(shownKey)) return undefined;
  const message = clockBehindMessage(clock.now(), await latestAnswerAt());
  if (message) {
    shown = true;
    sessionStorage.setItem(shownKey, '1');
  }
  return message;
}
