import { describe, expect, it } from 'vitest';
import { duration, percent, plural, shortDay, topicsByLesson } from './format';

describe('statistics wording', () => {
  it('writes shares, times and counts', () => {
    expect(percent(0.876)).toBe('88%');
    expect(percent(undefined)).toBe('–');
    expect(duration(0)).toBe('0 min');
    expect(duration(20_000)).toBe('under a minute');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration(200 * 60_000)).toBe('3 h 20 min');
    expect(duration(120 * 60_000)).toBe('2 h');
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(3000, 'answer')).toBe('3,000 answers');
    expect(shortDay('2026-04-15')).toBe('15 Apr');
  });

  it('groups topics by lesson in course order', () => {
    const topic = (lesson: string, section: string) => ({ lesson, section, cards: 1, mastered: 0 });
    const grouped = topicsByLesson(
      [
        { slug: 'one', title: 'One' },
        { slug: 'two', title: 'Two' },
        { slug: 'three', title: 'Three' }
      ],
      [topic('three', 'c'), topic('one', 'a'), topic('one', 'b')]
    );
    expect(grouped.map((l) => [l.slug, l.topics.map((t) => t.section)])).toEqual([
      ['one', ['a', 'b']],
      ['three', ['c']]
    ]);
  });
});
