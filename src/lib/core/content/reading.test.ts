import { describe, expect, it } from 'vitest';
import { readingMinutes, wordsPerMinute } from './reading';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const diagram =
  '<figure class="diagram"><svg viewBox="0 0 10 10"><title>Load balancer</title>' +
  `<text>${words(300)}</text></svg><figcaption>A caption</figcaption></figure>`;

describe('readingMinutes', () => {
  it('counts the words of the text at the reading speed, in whole minutes', () => {
    expect(readingMinutes(`<p>${words(wordsPerMinute * 3)}</p>`)).toBe(3);
    expect(readingMinutes(`<p>${words(wordsPerMinute * 2.4)}</p>`)).toBe(2);
    expect(readingMinutes(`<p>${words(wordsPerMinute * 2.6)}</p>`)).toBe(3);
  });

  it('is at least a minute, even for a few words or none', () => {
    expect(readingMinutes('<p>Short.</p>')).toBe(1);
    expect(readingMinutes('')).toBe(1);
  });

  it('does not count tags, entities or punctuation as words', () => {
    const marked = `<ul>${Array.from({ length: 400 }, () => '<li><strong>a</strong> &mdash; –</li>').join('')}</ul>`;
    expect(readingMinutes(marked)).toBe(2);
  });

  it("gives a diagram half a minute, not its labels' words", () => {
    const text = `<p>${words(wordsPerMinute)}</p>`;
    expect(readingMinutes(text + diagram)).toBe(2); // 1 + 0.5 rounds up
    expect(readingMinutes(text + diagram + diagram)).toBe(2);
    expect(readingMinutes(text + diagram + diagram + diagram)).toBe(3); // 1 + 1.5 rounds up
  });
});
