import { describe, expect, it } from 'vitest';
import {
  clozeGiveaways,
  keyWords,
  nearDuplicates,
  optionLength,
  optionLengthGiveaway,
  sameCardThreshold,
  sameQuestionThreshold,
  similarity,
  type NoteText
} from './checks';

const right = (text: string) => ({ text, correct: true });
const wrong = (text: string) => ({ text, correct: false });

describe('optionLengthGiveaway', () => {
  it('measures what the learner reads, without Markdown marks', () => {
    expect(optionLength('Use **IP-hash** with `nginx`')).toBe('Use IP-hash with nginx'.length);
  });

  it('fires when the one correct option is clearly the longest', () => {
    const found = optionLengthGiveaway([
      right('Move the database onto a server of its own, away from the web app.'),
      wrong('Add more web servers.'),
      wrong('Serve files from a CDN.')
    ]);
    expect(found).toMatch(
      /^the correct option is clearly the longest \(\d+ characters, longest distractor 23\)/
    );
  });

  it('stays quiet when a distractor is about as long as the answer', () => {
    expect(
      optionLengthGiveaway([
        right('Move the database onto a server of its own.'),
        wrong('Add more web servers behind the load balancer.'),
        wrong('Serve the static files from a CDN.')
      ])
    ).toBeUndefined();
  });

  it('ignores a large ratio between options only a few characters long', () => {
    expect(optionLengthGiveaway([right('RabbitMQ'), wrong('SQS'), wrong('Kafka')])).toBeUndefined();
  });

  it('fires when distractors are far shorter on average, even if one is long', () => {
    const found = optionLengthGiveaway([
      right('Put a lock around the rebuild so one request refills the key.'),
      wrong('Add a bigger cache with more memory so keys are kept longer.'),
      wrong('Nothing.'),
      wrong('Reboot.'),
      wrong('Wait.')
    ]);
    expect(found).toMatch(/^the distractors are far shorter than the answer/);
  });

  it('with several correct options, compares the shortest correct with the longest distractor', () => {
    const giveaway = optionLengthGiveaway([
      right('Add random jitter to every TTL so keys expire apart.'),
      right('Rebuild a missing key under a lock while others wait.'),
      wrong('Shorten the TTL.'),
      wrong('Add memory.')
    ]);
    expect(giveaway).toMatch(/^every correct option is clearly the longest/);
    const balanced = optionLengthGiveaway([
      right('Add random jitter to every TTL.'),
      right('Rebuild a missing key under a lock while others wait.'),
      wrong('Shorten the TTL to one minute for every key.'),
      wrong('Give the cache more memory.')
    ]);
    expect(balanced).toBeUndefined();
  });
});

const pattern = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/g;
function giveaways(text: string): string[] {
  const deletions = [...text.matchAll(pattern)].map((m) => ({
    number: Number(m[1]),
    answer: m[2] ?? '',
    ...(m[3] ? { hint: m[3] } : {})
  }));
  return clozeGiveaways(text, deletions, pattern);
}

describe('clozeGiveaways', () => {
  it('fires when the hidden text is printed in the visible part of the sentence', () => {
    expect(giveaways('A {{c1::replica}} copies the primary; each replica serves reads.')).toEqual([
      'deletion c1 "replica" can be read elsewhere in the same cloze, so its card gives the answer away'
    ]);
  });

  it('fires when another deletion, shown on this card, contains the hidden text', () => {
    const found = giveaways(
      'A {{c1::cache}} can suffer a {{c2::cache stampede}} when hot keys expire.'
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^deletion c1 "cache"/);
  });

  it('fires when the hint spells out the answer', () => {
    expect(giveaways('Evict with {{c1::LRU::LRU or LFU?}} by default.')).toHaveLength(1);
  });

  it('counts a plural as the same word, case ignored', () => {
    expect(
      giveaways('{{c1::Shard}} keys decide where rows live, across many shards.')
    ).toHaveLength(1);
  });

  it('stays quiet for deletions that share a number and are hidden together', () => {
    expect(
      giveaways('{{c1::TTL}} is short for time to live; every entry has a {{c1::TTL}}.')
    ).toEqual([]);
  });

  it('stays quiet when the text only contains the answer inside a longer word', () => {
    expect(giveaways('A {{c1::log}}-aggregating store is not a catalogue.')).toEqual([]);
    expect(
      giveaways('A CDN keeps a copy until its {{c1::TTL}} ends, then asks the {{c2::origin}}.')
    ).toEqual([]);
  });
});

const note = (id: string, question: string, answer = ''): NoteText => ({
  id,
  path: 'content/x.md',
  line: 1,
  question,
  answer
});

describe('nearDuplicates', () => {
  it('reduces text to content words, dropping plural s and stop words', () => {
    expect([...keyWords('What are the **shards** of the database?')]).toEqual([
      'shard',
      'database'
    ]);
    expect(similarity(keyWords('shards and replicas'), keyWords('a replica, a shard'))).toBe(1);
  });

  it('fires for the same question worded slightly differently', () => {
    const found = nearDuplicates([
      note('a', 'What should trigger adding a new layer?', 'A real signal.'),
      note(
        'b',
        'What should trigger adding a new layer to the system?',
        'Metrics, not predictions.'
      )
    ]);
    expect(found.map((p) => [p.earlier.id, p.note.id])).toEqual([['a', 'b']]);
    expect(found[0]?.reason).toMatch(/^the questions share 80% of their key words/);
  });

  it('fires for two cards whose question and answer together say the same', () => {
    const found = nearDuplicates([
      note('a', 'Why start with vertical scaling?', 'It needs no code changes.'),
      note(
        'b',
        'What makes vertical scaling the place to start?',
        'It needs no code changes at all.'
      )
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]?.reason).toMatch(/^question and answer share \d+% of their key words/);
  });

  it('stays quiet for template questions with different answers', () => {
    expect(
      nearDuplicates([
        note(
          'rr',
          'How does round-robin load balancing pick a server?',
          'Each server takes the next request in turn.'
        ),
        note(
          'lc',
          'How does least-connections load balancing pick a server?',
          'The one with the fewest open connections.'
        )
      ])
    ).toEqual([]);
  });

  it('finds every note that has an earlier match, as comparing all pairs would', () => {
    // A fixed pseudo-random library over a small vocabulary, so many notes collide.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const vocabulary = [
      'cache',
      'shard',
      'replica',
      'queue',
      'server',
      'latency',
      'primary',
      'edge',
      'worker',
      'key'
    ];
    const words = (n: number) =>
      Array.from({ length: n }, () => vocabulary[next() % vocabulary.length]).join(' ');
    const notes = Array.from({ length: 120 }, (_, i) =>
      note(`n${i}`, words(2 + (next() % 4)), words(next() % 3))
    );
    const expected = notes
      .filter((b, j) =>
        notes.slice(0, j).some((a) => {
          const question = similarity(keyWords(a.question), keyWords(b.question));
          const whole = similarity(
            keyWords(`${a.question} ${a.answer}`),
            keyWords(`${b.question} ${b.answer}`)
          );
          return question >= sameQuestionThreshold || whole >= sameCardThreshold;
        })
      )
      .map((n) => n.id);
    const found = nearDuplicates(notes);
    expect(expected.length).toBeGreaterThan(10);
    expect(found.map((p) => p.note.id)).toEqual(expected);
    expect(found.every((p) => notes.indexOf(p.earlier) < notes.indexOf(p.note))).toBe(true);
  });
});
