import { describe, expect, it } from 'vitest';
import { isCurrent, navPages } from './nav';

describe('isCurrent', () => {
  it('marks home only on the home page', () => {
    expect(isCurrent('/', '/')).toBe(true);
    expect(isCurrent('/', '/settings')).toBe(false);
  });

  it('marks a section for its own page and the pages under it', () => {
    expect(isCurrent('/lessons', '/lessons')).toBe(true);
    expect(isCurrent('/lessons', '/lessons/scaling')).toBe(true);
    expect(isCurrent('/lessons', '/lessonsx')).toBe(false);
  });
});

describe('navPages', () => {
  it('lists unique, absolute links', () => {
    const hrefs = navPages.map((page) => page.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    for (const href of hrefs) expect(href.startsWith('/')).toBe(true);
  });
});
