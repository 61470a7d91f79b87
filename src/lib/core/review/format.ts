import { dayMs, formatInterval, hourMs } from './time';

/** "now", "in 10m", "in 4h", "tomorrow at 09:30", "on 12 Dec" — when a card is due. */
export function formatDue(due: number, now: number, locale?: string): string {
  const wait = due - now;
  if (wait <= 0) return 'now';
  if (wait < 12 * hourMs) return `in ${formatInterval(wait)}`;
  const date = new Date(due);
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (wait < 2 * dayMs)
    return `in ${formatInterval(wait)} (${date.toLocaleDateString(locale, { weekday: 'short' })} ${time})`;
  return `on ${date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: wait > 300 * dayMs ? 'numeric' : undefined })}`;
}
