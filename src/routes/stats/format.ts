import type { TopicMastery } from '$lib/core/stats/cards';

// Wording of the statistics page's figures, kept apart so the page reads as layout.

/** "42%", or "–" when there is nothing to measure. */
export function percent(share: number | undefined): string {
  return share === undefined ? '–' : `${Math.round(share * 100)}%`;
}

/** "3 h 20 min", "12 min", "under a minute". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return ms > 0 ? 'under a minute' : '0 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

// One formatter each, made once: `toLocaleString` with a locale builds a new one on every call,
// and the forecast alone names 31 days.
const counts = new Intl.NumberFormat('en');
const days = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "1,234". */
export function count(n: number): string {
  return counts.format(n);
}

/** "1 card", "3 cards". */
export function plural(n: number, word: string): string {
  return `${counts.format(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** "15 Apr" for a `YYYY-MM-DD` day. */
export function shortDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return days.format(new Date(Date.UTC(year, month - 1, date)));
}

/** The topics' mastery grouped by lesson, in course order; lessons with no topic left out. */
export function topicsByLesson(
  lessons: readonly { slug: string; title: string }[],
  topics: readonly TopicMastery[]
): { slug: string; title: string; topics: TopicMastery[] }[] {
  const byLesson = new Map<string, TopicMastery[]>();
  for (const topic of topics) {
    const list = byLesson.get(topic.lesson) ?? [];
    list.push(topic);
    byLesson.set(topic.lesson, list);
  }
  return lessons.flatMap((l) => {
    const found = byLesson.get(l.slug);
    return found ? [{ slug: l.slug, title: l.title, topics: found }] : [];
  });
}
