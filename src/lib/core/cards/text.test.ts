import { describe, expect, it } from 'vitest';
import type { Card } from '../content/types';
import { foldText, plainText, questionText, searchableText } from './text';

const base = { noteId: 'n', lesson: 'l', section: 's' };

describe('plainText', () => {
  it('drops tags, decodes entities and collapses spaces', () => {
    expect(
      plainText('<p>A <strong>load&nbsp;balancer</strong> &amp; a <code>&lt;cache&gt;</code></p>')
    ).toBe('A load balancer & a <cache>');
    expect(plainText('caf&#233; &#x2192; ok &bogus;')).toBe('café → ok &bogus;');
  });
});

describe('questionText and searchableText', () => {
  it('names a card by its question and searches answer, options, points and steps', () => {
    const cards: Card[] = [
      {
        ...base,
        id: 'b',
        kind: 'basic',
        front: '<p>What is a <em>CDN</em>?</p>',
        back: 'Edge caches'
      },
      {
        ...base,
        id: 'c',
        kind: 'choice',
        question: 'Pick one',
        multiple: false,
        options: [{ text: 'Round robin', correct: true, why: 'spreads load' }]
      },
      {
        ...base,
        id: 's',
        kind: 'scenario',
        question: 'The primary dies',
        points: ['Promote a replica']
      },
      {
        ...base,
        id: 'o',
        kind: 'order',
        question: 'Order it',
        steps: ['DNS lookup'],
        note: 'TLS next'
      }
    ];
    expect(cards.map(questionText)).toEqual([
      'What is a CDN ?',
      'Pick one',
      'The primary dies',
      'Order it'
    ]);
    const [basic, choice, scenario, order] = cards.map(searchableText);
    expect(basic).toContain('edge caches');
    expect(choice).toContain('round robin');
    expect(choice).toContain('spreads load');
    expect(scenario).toContain('promote a replica');
    expect(order).toContain('dns lookup');
    expect(order).toContain('tls next');
  });

  it('folds case and accents', () => {
    expect(foldText('Café ÉTÉ')).toBe('cafe ete');
  });
});
