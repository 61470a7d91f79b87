import { describe, expect, it } from 'vitest';
import { compileLibrary } from './compile';
import { fixIds } from './fix-ids';

const text = [
  '---',
  'title: T',
  'slug: t',
  'order: 1',
  'summary: S',
  '---',
  '## Load balancer {#load-balancer}',
  '::: basic',
  'Q: What does a load balancer do with a dead server?',
  'A: Stops sending it traffic.',
  ':::',
  '::: basic lb-kept',
  'Q: Kept?',
  'A: Yes.',
  ':::',
  '::: basic reversed',
  'Q: What does a load balancer do with a dead server?',
  'A: Same question, so the id must differ.',
  ':::',
  '::: cloze',
  'A {{c1::health check}} probes each server.',
  ':::'
].join('\n');

describe('fixIds', () => {
  it('writes readable, unique ids where they are missing and keeps the rest', () => {
    const { text: fixed, added } = fixIds(
      text,
      new Set(['load-balancer-health-check-probes-each-server'])
    );
    expect(added).toEqual([
      { line: 8, id: 'load-balancer-load-balancer-with-dead-server' },
      { line: 16, id: 'load-balancer-load-balancer-with-dead-server-2' },
      { line: 20, id: 'load-balancer-health-check-probes-each-server-2' }
    ]);
    const lines = fixed.split('\n');
    expect(lines[11]).toBe('::: basic lb-kept');
    expect(lines[15]).toBe('::: basic load-balancer-load-balancer-with-dead-server-2 reversed');
    const { problems, lessons } = compileLibrary([{ path: 't.md', text: fixed }]);
    // The two cards with one question are meant to collide; that is a warning, not an error.
    expect(problems.map((p) => [p.severity, p.line])).toEqual([['warning', 16]]);
    expect(problems[0]?.message).toMatch(
      /nearly repeats "load-balancer-load-balancer-with-dead-server"/
    );
    expect(lessons[0]?.sections[0]?.cards.map((c) => c.id)).toContain(
      'load-balancer-load-balancer-with-dead-server-2:reverse'
    );
  });

  it('changes nothing when every card has an id', () => {
    const once = fixIds(text).text;
    expect(fixIds(once)).toEqual({ text: once, added: [] });
  });
});
